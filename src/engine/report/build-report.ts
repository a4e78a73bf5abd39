import type { RestoreOutcome } from '../run/restore/restore-fixtures.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import type { ConformanceReport, ReportedVerdict } from './report-types.ts';

/** Exit code of a run: 1 when a must or conflict rule failed, or (with --strict) a should rule. */
export function exitCodeOf(results: readonly ReportedVerdict[], strict: boolean): 0 | 1 {
  const failed = results.filter((r) => r.status === 'fail');
  return failed.some((r) => r.level !== 'should' || strict) ? 1 : 0;
}

/** conformance.json from the verdicts the rule tests attached, in the catalogue's order. */
export function buildReport(args: {
  target: Pick<ResolvedTarget, 'name' | 'file' | 'huaweicloud' | 'volcengine'>;
  results: readonly ReportedVerdict[];
  seed: number;
  runs: number;
  strict: boolean;
  startedAt: Date;
  requests: number;
  partial?: string;
  restore?: readonly RestoreOutcome[];
}): ConformanceReport {
  const { results } = args;
  const count = (f: (r: ReportedVerdict) => boolean) => results.filter(f).length;
  const endpoints: Record<string, string> = {};
  if (args.target.huaweicloud) endpoints.huaweicloud = args.target.huaweicloud.endpoint;
  if (args.target.volcengine) endpoints.volcengine = args.target.volcengine.endpoint;
  return {
    tool: 'keypair-conformance',
    target: { name: args.target.name, file: args.target.file, endpoints },
    seed: args.seed,
    runs: args.runs,
    strict: args.strict,
    startedAt: args.startedAt.toISOString(),
    durationMs: Date.now() - args.startedAt.getTime(),
    requests: args.requests,
    ...(args.partial ? { partial: args.partial } : {}),
    summary: {
      pass: count((r) => r.status === 'pass'),
      fail: count((r) => r.status === 'fail'),
      skipped: count((r) => r.status === 'skipped'),
      failedMust: count((r) => r.status === 'fail' && r.level === 'must'),
      failedShould: count((r) => r.status === 'fail' && r.level === 'should'),
      failedConflict: count((r) => r.status === 'fail' && r.level === 'conflict'),
    },
    exitCode: exitCodeOf(results, args.strict),
    restore: args.restore ?? [],
    results,
  };
}
