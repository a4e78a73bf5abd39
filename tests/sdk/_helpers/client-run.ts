import { mergeVerdicts } from '../../../src/engine/report/merge-verdicts.ts';
import type { ReportedVerdict } from '../../../src/engine/report/report-types.ts';
import type { Cloud } from '../../../src/families/api-families.ts';
import { runCloud } from '../../../src/engine/run/run-cloud.ts';
import { harnessCredentialEnv } from '../../../src/engine/transport/clients/client-credentials.ts';
import type { ClientUnderTest } from '../../../src/engine/transport/clients/client-under-test.ts';
import { startHarnessClient } from '../../../src/engine/transport/clients/harness-client.ts';
import type { RunningMock } from '../../../src/mock/index.ts';
import type { RuleVerdict } from '../../../src/engine/verdicts/rule-verdict.ts';
import { mockTarget } from '../../_helpers/mock-target.ts';

export interface ClientRunResult {
  /** One verdict per rule, the client rules merged over both clouds as the report does. */
  readonly verdicts: readonly RuleVerdict[];
  readonly failed: readonly string[];
  readonly skipped: readonly string[];
  readonly output: string;
}

/** Runs both clouds' plans through a client against a running mock, in process, as `conformance sdk` does. */
export async function clientRun(
  mock: RunningMock,
  makeClient: () => Promise<ClientUnderTest>,
  options: { seed?: number; runs?: number; clouds?: readonly Cloud[] } = {},
): Promise<ClientRunResult> {
  const target = mockTarget(mock, (t) => (t.huaweicloud.taskPoll = { firstMs: 5, maxIntervalMs: 50 }));
  const byRule = new Map<string, RuleVerdict>();
  let output = '';
  for (const cloud of options.clouds ?? (['huaweicloud', 'volcengine'] as const)) {
    const client = await makeClient();
    try {
      const { verdicts } = await runCloud(cloud, target, {
        seed: options.seed ?? 3,
        runs: options.runs ?? 10,
        restore: false,
        client,
        caseTimeoutMs: 20_000,
        onClientOutput: (t) => (output += t),
      });
      for (const v of verdicts) {
        const earlier = byRule.get(v.rule);
        byRule.set(v.rule, earlier ? (mergeVerdicts(earlier as unknown as ReportedVerdict, v as unknown as ReportedVerdict) as unknown as RuleVerdict) : v);
      }
    } finally {
      await client.close();
    }
  }
  const verdicts = [...byRule.values()];
  return {
    verdicts,
    failed: verdicts.filter((v) => v.status === 'fail').map((v) => v.rule),
    skipped: verdicts.filter((v) => v.status === 'skipped').map((v) => v.rule),
    output,
  };
}

/** A harness client for `command`, with the mock's credentials in its environment. */
export function harness(mock: RunningMock, command: string): () => Promise<ClientUnderTest> {
  return () => startHarnessClient(command, { env: harnessCredentialEnv(mockTarget(mock)), caseTimeoutMs: 20_000 });
}

/** The rules the Python defect copy says it breaks (`# breaks: <rule>` on its first line). */
export function breaks(source: string): string {
  return /^# breaks: (\S+)/.exec(source)?.[1] ?? '';
}
