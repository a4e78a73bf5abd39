// Issue 16, point 3: the fixed cost of a `conformance run` beside its per-case cost, measured in one go.
// - fixed cost: `--version` (node, tsx, the CLI), and a run with the smallest plan (`--runs 1`), split into
//   its phases from CPU profiles of every process (CONFORMANCE_CPU_PROF, src/cli/_internals/run-playwright.ts);
// - per-case cost: the extra wall per extra request between `--runs 1` and `--runs 100` (the default);
// - the goal: the default `npx conformance run` (warm caches: one run first) against 5 s.
// Usage: tsx bench/startup/startup-cost.ts (STARTUP_REPEAT=N runs each measure N times, default 2; medians).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const REPEAT = Number(process.env.STARTUP_REPEAT ?? 2);
const GOAL_S = 5;
const SEED = '1';
const work = mkdtempSync(join(tmpdir(), 'startup-cost-'));
const reportDir = join(work, 'reports');

/** Runs a command to its end; its wall time in seconds. */
function timed(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${err.slice(-2000)}`));
      else resolve(Number(process.hrtime.bigint() - started) / 1e9);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function medianOf(n: number, run: () => Promise<number>): Promise<number> {
  const walls: number[] = [];
  for (let i = 0; i < n; i++) walls.push(await run());
  return median(walls);
}

const run = (runs: string, env?: NodeJS.ProcessEnv) =>
  timed(process.execPath, ['bin/conformance.mjs', 'run', '--seed', SEED, '--runs', runs, '--report-dir', reportDir], env);
const requestsOfLastRun = () => (JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as { requests: number }).requests;

interface Profile {
  startTime: number;
  endTime: number;
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Sample times (µs, the profiles' common clock) whose stack satisfies `match`. */
function sampleTimes(p: Profile, match: (url: string, fn: string) => boolean): number[] {
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const hit = new Map<number, boolean>();
  const matches = (id: number): boolean => {
    let known = hit.get(id);
    if (known === undefined) {
      const n = byId.get(id)!;
      const up = parent.get(id);
      known = match(n.callFrame.url, n.callFrame.functionName) || (up !== undefined && matches(up));
      hit.set(id, known);
    }
    return known;
  };
  const times: number[] = [];
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    if (matches(id)) times.push(t);
  });
  return times;
}

/** The phases of one profiled `--runs 1` run, in seconds from the CLI's start. */
async function phases(): Promise<[string, number][]> {
  const dir = join(work, 'profiles');
  rmSync(dir, { recursive: true, force: true });
  await timed(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'bin/conformance.mjs', 'run', '--seed', SEED, '--runs', '1', '--report-dir', reportDir],
    {
      ...process.env,
      CONFORMANCE_CPU_PROF: dir,
    },
  );
  // Main threads only (thread id 0 in the file name); the CLI, Playwright's runner and its workers by their code.
  const profiles = readdirSync(dir)
    .filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Profile);
  const has = (p: Profile, part: string) => p.nodes.some((n) => n.callFrame.url.includes(part));
  const cli = profiles.find((p) => has(p, 'bin/conformance.mjs'))!;
  const workers = profiles.filter((p) => has(p, 'workerProcessEntry'));
  const runner = profiles.find((p) => p !== cli && !workers.includes(p))!;
  const t0 = cli.startTime;
  const s = (us: number) => (us - t0) / 1e6;
  const workersStart = Math.min(...workers.map((w) => w.startTime));
  const mockServes = sampleTimes(cli, (url) => url.includes('/src/mock/')).filter((t) => t > workersStart);
  const planTimes = workers.flatMap((w) => sampleTimes(w, (_url, fn) => fn === 'runCloud'));
  const points: [string, number][] = [
    ['CLI loaded, mock started: Playwright spawned', s(runner.startTime)],
    ['Playwright loaded, config and suites listed: workers spawned', s(workersStart)],
    ['workers loaded the engine, specs, validators: first request', s(Math.min(...mockServes, ...planTimes))],
    ['plans sent and decided (last runCloud sample)', s(Math.max(...planTimes))],
    ['rule tests reported, workers ended', s(Math.max(...workers.map((w) => w.endTime)))],
    ['reports written, Playwright ended', s(runner.endTime)],
    ['CLI ended', s(cli.endTime)],
  ];
  return points;
}

const fmt = (x: number, digits = 2) => x.toFixed(digits).padStart(6);

console.log(
  `startup-cost: load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${REPEAT} runs per measure (medians), seed ${SEED}`,
);
await run('1'); // warm Playwright's and tsx's transform caches and the spec cache, as a second run finds them
const version = await medianOf(REPEAT + 1, () => timed(process.execPath, ['bin/conformance.mjs', '--version']));
const small = await medianOf(REPEAT, () => run('1'));
const smallRequests = requestsOfLastRun();
const full = await medianOf(REPEAT, () => run('100'));
const fullRequests = requestsOfLastRun();
const npx = await medianOf(REPEAT, () => timed('npx', ['conformance', 'run', '--report-dir', reportDir]));
const split = await phases();
rmSync(work, { recursive: true, force: true });

const perRequestMs = ((full - small) / Math.max(1, fullRequests - smallRequests)) * 1000;
console.log('\n| measure | wall |');
console.log('|---|---|');
console.log(`| \`node bin/conformance.mjs --version\` (node, tsx, the CLI) | ${fmt(version)} s |`);
console.log(`| fixed cost: \`run --runs 1\` (${smallRequests} requests) | ${fmt(small)} s |`);
console.log(`| \`run --runs 100\` (${fullRequests} requests) | ${fmt(full)} s |`);
console.log(`| per-case cost: extra wall per extra request | ${fmt(perRequestMs, 3)} ms |`);
console.log(`| default \`npx conformance run\` (goal ≤ ${GOAL_S} s) | ${fmt(npx)} s: ${npx <= GOAL_S ? 'met' : 'NOT met'} |`);
console.log('\nPhases of a profiled `run --runs 1` (profiling slows it; seconds from the CLI start):\n');
console.log('| phase ends when | at | phase |');
console.log('|---|---|---|');
let before = 0;
for (const [name, at] of split) {
  console.log(`| ${name} | ${fmt(at)} s | ${fmt(at - before)} s |`);
  before = at;
}
