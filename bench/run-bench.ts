// npm run bench: signed binds against the reference mock, a bare node:http server and Prism, same run,
// same load (autocannon, 50 connections, targets interleaved). Prints a results table and each goal as a ratio measured in
// this run, with the machine's load average before and after. See bench/README.md.
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchConfig } from './config.ts';
import { pinLoadGenerator } from './cpu-pinning.ts';
import { measureInterleaved } from './interleave.ts';
import { preflight, type LoadTarget } from './load.ts';
import { OPERATIONS } from './operations.ts';
import { measureStages } from './mock-stages.ts';
import { ratioTable, resultTable, stageTable, type Row } from './report.ts';
import { startNodeTarget } from './targets/node-targets.ts';
import { startPrism } from './targets/prism.ts';
import type { Target } from './targets/target.ts';

const cores = availableParallelism(); // before pinning, which narrows what this process sees
const cwd = fileURLToPath(new URL('..', import.meta.url));
const config = benchConfig();
const operations = OPERATIONS.filter((op) => config.only.length === 0 || config.only.some((name) => op.name.startsWith(name)));
const started: Target[] = [];
const stopAll = () => Promise.allSettled(started.splice(0).map((t) => t.stop()));
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
const loadBefore = load();

// Every run is bounded: start-up, then each measurement with slack; past that the bench counts as broken.
const budgetMs = 2 * config.startTimeoutMs + operations.length * 3 * (config.warmupSeconds + config.seconds + 20) * 1000;
const watchdog = setTimeout(() => {
  log(`bench: still running after ${Math.round(budgetMs / 1000)} s; stopping.`);
  void stopAll().finally(() => process.exit(1));
}, budgetMs);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll().finally(() => process.exit(1)));

async function main(): Promise<string[]> {
  const problems: string[] = [];
  const notes: string[] = [];
  if (operations.length === 0) throw new Error(`BENCH_OPS=${config.only.join(',')} names no operation of ${OPERATIONS.map((o) => o.name).join(', ')}`);
  const pinning = pinLoadGenerator();
  const setup = `${cores} cores, node ${process.version}, ${config.connections} connections, ${config.warmupSeconds} s warm-up + ${config.seconds} s per measurement, CPU pinning ${pinning.why}, Prism -v ${config.prismLogLevel}`;
  log(`bench: ${setup}`);
  const start = { cwd, timeoutMs: config.startTimeoutMs, prefix: pinning.serverPrefix };
  started.push(await startNodeTarget('bare', start));
  started.push(await startNodeTarget('mock', start));
  const prism = await startPrism(start, config.prismLogLevel);
  started.push(prism);
  for (const failure of Object.values(prism.failures)) notes.push(failure);

  const rows: Row[] = [];
  for (const op of operations) {
    const measured: { target: Target; load: LoadTarget }[] = [];
    for (const target of started) {
      const baseUrl = target.urls[op.cloud];
      if (!baseUrl) continue;
      // Signed now, once, for this target's Host: well inside the mock's 15-minute window for the whole run.
      const load = { baseUrl, request: op.sign(baseUrl, new Date()) };
      const check = await preflight(load).catch((error: Error) => ({ status: 0, body: String(error.cause ?? error) }));
      log(`${target.name.padEnd(5)} ${op.name}: answers ${check.status || 'nothing'}`);
      const ok = check.status >= 200 && check.status < 300;
      if (!ok && target.name === 'mock') problems.push(`the mock answered ${op.name} with ${check.status}: ${check.body}`);
      if (!ok && target.name === 'prism') notes.push(`Prism answered ${op.name} with ${check.status}: ${check.body.slice(0, 160)}`);
      measured.push({ target, load });
    }
    log(`measuring ${op.name}: ${measured.map((m) => m.target.name).join(', ')} in turn, ${config.seconds} s each`);
    const results = await measureInterleaved(
      measured.map((m) => m.load),
      config,
    );
    for (const target of started) {
      const i = measured.findIndex((m) => m.target === target);
      const result = results[i];
      rows.push({ target: target.name, operation: op.name, result });
      if (target.name === 'mock' && result && (result.non2xx > 0 || result.errors > 0)) {
        problems.push(`the mock gave ${result.non2xx} non-2xx answers and ${result.errors} errors for ${op.name} under load`);
      }
    }
  }

  console.log(`\n## Results\n\n${setup}\nload average (1 / 5 / 15 min): ${loadBefore} before, ${load()} after\n`);
  console.log(resultTable(rows));
  console.log('\nTargets measured in turn, 1 s slices. req/s: completed requests ÷ measured seconds. p99: whole ms.');
  console.log('\n## Targets (ratios measured in this run)\n');
  console.log(ratioTable(rows));
  log('measuring the mock in process: the signature check and the whole decision, per operation');
  console.log("\n## Where the mock's time goes (in process, this run)\n");
  console.log(stageTable(await measureStages(operations), rows));
  console.log('\nThe budget is what the mock may spend per request, HTTP included, to answer half as fast as bare.');
  if (notes.length > 0) console.log(`\n${notes.map((n) => `Note: ${n}`).join('\n')}`);
  return problems;
}

let exitCode = 0;
try {
  const problems = await main();
  if (problems.length > 0) {
    for (const p of problems) log(`bench broken: ${p}`);
    exitCode = 1;
  }
} catch (error) {
  log(`bench broken: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await stopAll();
  clearTimeout(watchdog);
}
process.exit(exitCode);
