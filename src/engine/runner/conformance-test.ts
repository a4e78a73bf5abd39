import { test as base } from '@playwright/test';
import type { RuleId } from '../../rules/rules.ts';
import { runCloud, type Cloud } from '../run/run-cloud.ts';
import { toReportedVerdict } from '../report/to-reported-verdict.ts';
import type { ReportedVerdict } from '../report/report-types.ts';
import { loadTargetFile } from '../target/load-target-file.ts';
import { progressWriter } from './progress-line.ts';
import { readRunEnv } from './run-env.ts';

/** A worker runs one cloud's plan once; every rule test of that cloud reads its verdict from it. */
export const conformanceTest = base.extend<{}, { cloud: Cloud; cloudVerdicts: Map<RuleId, ReportedVerdict> }>({
  cloud: ['huaweicloud', { scope: 'worker', option: true }],
  cloudVerdicts: [
    async ({ cloud }, use) => {
      const env = readRunEnv();
      const target = loadTargetFile(env.targetFile);
      const progress = progressWriter(env.reportDir, cloud);
      const { verdicts } = await runCloud(cloud, target, env, progress.sent);
      progress.flush();
      const replay = (id: string) => `npx conformance replay ${id} --report-dir ${env.reportDir}`;
      await use(new Map(verdicts.map((v) => [v.rule as RuleId, toReportedVerdict(v, target.secrets, replay)])));
    },
    { scope: 'worker', timeout: 30 * 60 * 1000, box: true },
  ],
});
