import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SdkAdapter } from '../../sdk/sdk-adapter.ts';
import { CassetteRecorder } from '../cassettes/cassette-recorder.ts';
import { replayCassette } from '../cassettes/replay-cassette.ts';
import { test as base } from '@playwright/test';
import type { RuleId } from '../../rules/rules.ts';
import type { RestoreOutcome } from '../run/restore/restore-fixtures.ts';
import { runCloud, type Cloud } from '../run/run-cloud.ts';
import { toReportedVerdict } from '../report/to-reported-verdict.ts';
import type { ReportedVerdict } from '../report/report-types.ts';
import { loadTargetFile } from '../target/load-target-file.ts';
import { progressWriter } from './progress-line.ts';
import { readRunEnv } from './run-env.ts';

/** A worker runs one cloud's plan once; every rule test of that cloud reads its verdict from it. */
/** A cloud's verdicts, and how many requests deciding them took. */
export interface CloudRun {
  readonly verdicts: Map<RuleId, ReportedVerdict>;
  readonly requests: number;
  readonly restore: readonly RestoreOutcome[];
}

export const conformanceTest = base.extend<{}, { cloud: Cloud; cloudRun: CloudRun }>({
  cloud: ['huaweicloud', { scope: 'worker', option: true }],
  cloudRun: [
    async ({ cloud }, use) => {
      const env = readRunEnv();
      // Playwright replaces a worker after a failed test; the new one must not run the plan again
      // against a target the first run already changed, so the verdicts are kept for the run.
      const cache = join(env.reportDir, `.verdicts-${cloud}.json`);
      if (existsSync(cache)) {
        const saved = JSON.parse(readFileSync(cache, 'utf8')) as { verdicts: [RuleId, ReportedVerdict][]; requests: number; restore: RestoreOutcome[] };
        await use({ verdicts: new Map(saved.verdicts), requests: saved.requests, restore: saved.restore });
        return;
      }
      const target = loadTargetFile(env.targetFile);
      const progress = progressWriter(env.reportDir, cloud);
      const adapter = env.adapterFile ? ((await import(pathToFileURL(env.adapterFile).href)) as { default: SdkAdapter }).default : undefined;
      const recorder = env.recordDir ? new CassetteRecorder(env.recordDir, cloud, target) : undefined;
      // A recording keeps its nonce, so a fidelity run against it can send the same unique values.
      const nonce = randomBytes(4).toString('hex');
      const { verdicts, requests, restore } = env.replayDir
        ? { ...replayCassette(env.replayDir, cloud, env.seed), restore: [] }
        : await runCloud(cloud, target, { ...env, adapter, nonce, observe: recorder && ((c, x) => recorder.record(c, x)) }, progress.sent);
      recorder?.write({ seed: env.seed, runs: env.runs, nonce });
      progress.flush();
      const replay = (id: string) => `npx conformance replay ${id} --report-dir ${env.reportDir}`;
      const reported = verdicts.map((v) => [v.rule as RuleId, toReportedVerdict(v, target.secrets, replay)] as const);
      writeFileSync(cache, JSON.stringify({ verdicts: reported, requests, restore }));
      await use({ verdicts: new Map(reported), requests, restore });
    },
    { scope: 'worker', timeout: 30 * 60 * 1000, box: true },
  ],
});
