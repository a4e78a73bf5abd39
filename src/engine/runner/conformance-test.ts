import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// The runner's bare test: Playwright's own fixtures (a browser, trace recording, context options) are
// auto fixtures that set up and tear down around every test, and a rule test uses none of them.
import { _baseTest as base } from '@playwright/test';
import type { RuleId } from '../../rules/rules.ts';
import type { RestoreOutcome } from '../run/restore/restore-fixtures.ts';
import { CLOUDS, type Cloud } from '../../families/api-families.ts';
import type { CloudOutcome } from '../run/run-cloud.ts';
import { RULES } from '../../rules/rules.ts';
import type { ReportedVerdict } from '../report/report-types.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import type { ClientUnderTest } from '../transport/clients/client-under-test.ts';
import type { RuleVerdict } from '../verdicts/rule-verdict.ts';
import { rulesOf } from '../../families/cloud-rules.ts';
import { progressWriter } from './progress-line.ts';
import { CLIENT_BROKEN_FILE, INTERRUPT_FILE, readRunEnv, type RunEnv } from './run-env.ts';

/**
 * The engine, loaded by the worker that runs a plan, when it runs it: Playwright's main process loads the
 * suite files only to list the tests, and needs none of it (nor the specs it parses and compiles).
 */
async function loadEngine() {
  const [{ CassetteRecorder }, { replayCassette }, { runCloud }, { toReportedVerdict }, { redact }, { ClientBroken }, { loadClient }] = await Promise.all([
    import('../cassettes/cassette-recorder.ts'),
    import('../cassettes/replay-cassette.ts'),
    import('../run/run-cloud.ts'),
    import('../report/to-reported-verdict.ts'),
    import('../target/redact.ts'),
    import('../transport/clients/client-under-test.ts'),
    import('./load-client.ts'),
  ]);
  return { CassetteRecorder, replayCassette, runCloud, toReportedVerdict, redact, ClientBroken, loadClient };
}

type Engine = Awaited<ReturnType<typeof loadEngine>>;

/** A worker runs one cloud's plan once; every rule test of that cloud reads its verdict from it. */
/** A cloud's verdicts, and how many requests deciding them took. */
export interface CloudRun {
  readonly verdicts: Map<RuleId, ReportedVerdict>;
  readonly requests: number;
  readonly restore: readonly RestoreOutcome[];
  /** Why the cloud reached no verdict, when its target never answered or stopped answering. */
  readonly couldNotRun?: string;
}

export const conformanceTest = base.extend<object, { cloud: Cloud; cloudRun: CloudRun }>({
  // Set by each cloud's suite file (rule-test.ts's test.use); the first cloud is only Playwright's default.
  cloud: [CLOUDS[0]!, { scope: 'worker', option: true }],
  cloudRun: [
    async ({ cloud }, use) => {
      const env = readRunEnv();
      // Playwright replaces a worker after a failed test; the new one must not run the plan again
      // against a target the first run already changed, so the verdicts are kept for the run.
      const cache = join(env.reportDir, `.verdicts-${cloud}.json`);
      if (existsSync(cache)) {
        const saved = JSON.parse(readFileSync(cache, 'utf8')) as Omit<CloudRun, 'verdicts'> & { verdicts: [RuleId, ReportedVerdict][] };
        await use({ ...saved, verdicts: new Map(saved.verdicts) });
        return;
      }
      const engine = await loadEngine();
      const { CassetteRecorder, replayCassette, runCloud, toReportedVerdict } = engine;
      const target = env.target!;
      const progress = progressWriter(env.reportDir, cloud);
      const recorder = env.recordDir ? new CassetteRecorder(env.recordDir, cloud, target) : undefined;
      // A recording keeps its nonce, so a fidelity run against it can send the same unique values.
      const nonce = randomBytes(4).toString('hex');
      const { verdicts, requests, restore, couldNotRun } = env.replayDir
        ? { ...replayCassette(env.replayDir, cloud, env.seed), restore: [] }
        : await runWithClient(engine, env, cloud, target, (client) =>
            runCloud(
              cloud,
              target,
              {
                ...env,
                client,
                nonce,
                interrupted: () => existsSync(join(env.reportDir, INTERRUPT_FILE)),
                observe: recorder && ((c, x) => recorder.record(c, x)),
                onClientOutput: (text) =>
                  appendFileSync(join(env.reportDir, 'client-output.log'), `--- ${cloud} ---\n${text}${text.endsWith('\n') ? '' : '\n'}`),
              },
              progress.sent,
            ),
          );
      recorder?.write({ seed: env.seed, runs: env.runs, nonce });
      progress.flush();
      const replay = (id: string) => `npx conformance replay ${id} --report-dir ${env.reportDir}`;
      const reported = verdicts.map((v) => [v.rule as RuleId, toReportedVerdict(v, target.secrets, replay)] as const);
      const outcome = { requests, restore, ...(couldNotRun ? { couldNotRun } : {}) };
      writeFileSync(cache, JSON.stringify({ verdicts: reported, ...outcome }));
      await use({ verdicts: new Map(reported), ...outcome });
    },
    { scope: 'worker', timeout: 30 * 60 * 1000, box: true },
  ],
});

/**
 * Runs a cloud's plan with the client under test, if any, and closes it after. A client that cannot be
 * driven stops the run: every rule is skipped with the one-line reason, written for the CLI to exit 2 on.
 */
async function runWithClient(
  { loadClient, ClientBroken, redact }: Engine,
  env: RunEnv,
  cloud: Cloud,
  target: ResolvedTarget,
  run: (client: ClientUnderTest | undefined) => Promise<CloudOutcome>,
): Promise<CloudOutcome> {
  if (!env.adapterFile && !env.harness) return run(undefined);
  let client: ClientUnderTest | undefined;
  try {
    client = await loadClient(env, target);
    const result = await run(client);
    return { ...result, verdicts: result.verdicts.map((v) => tagClientFailures(v, cloud)) };
  } catch (error) {
    if (!(error instanceof ClientBroken)) throw error;
    const message = redact(error.message, target.secrets);
    writeFileSync(join(env.reportDir, CLIENT_BROKEN_FILE), message);
    const verdicts = rulesOf(cloud, true).map((rule): RuleVerdict => {
      const r = RULES.find((x) => x.id === rule)!;
      return {
        rule,
        level: r.level,
        operation: r.operation,
        statement: r.statement,
        source: r.source,
        status: 'skipped',
        casesRun: 0,
        reason: `could not run: ${message}`,
        failures: [],
      };
    });
    return { verdicts, requests: 0, restore: [] };
  } finally {
    await client?.close();
  }
}

/** Client rules are judged in both clouds' workers: their failure ids name the cloud, so they stay unique. */
function tagClientFailures(v: RuleVerdict, cloud: Cloud): RuleVerdict {
  if (!v.rule.startsWith('client.')) return v;
  return { ...v, failures: v.failures.map((f) => ({ ...f, id: f.id.replace('#', `#${cloud}-`) })) };
}
