import type { Cloud } from '../../families/api-families.ts';
import { endpointsOf } from '../target/target-clouds.ts';
import { isClientRule, RULES } from '../../rules/rules.ts';
import type { RestoreOutcome } from '../run/restore/restore-fixtures.ts';
import type { ResolvedTarget } from '../target/resolved-target.ts';
import type { ConformanceReport, CouldNotRun, ReportedVerdict, RunOutcome } from './report-types.ts';

/**
 * A run's outcome and exit code: 1 when a must or conflict rule failed (or, with --strict, a should
 * rule), since a failure is a verdict whatever else happened; otherwise 3 when part of the run could not
 * run (a cloud that never answered, an interruption), and 0 when it conforms.
 */
export function outcomeOf(
  results: readonly ReportedVerdict[],
  strict: boolean,
  couldNotRun: readonly CouldNotRun[] = [],
): { outcome: RunOutcome; exitCode: 0 | 1 | 3 } {
  const failed = results.filter((r) => r.status === 'fail');
  if (failed.some((r) => r.level !== 'should' || strict)) return { outcome: 'does-not-conform', exitCode: 1 };
  if (couldNotRun.some((c) => c.cloud === undefined)) return { outcome: 'interrupted', exitCode: 3 };
  if (couldNotRun.length > 0) return { outcome: 'could-not-run', exitCode: 3 };
  return { outcome: 'conforms', exitCode: 0 };
}

/** conformance.json from the verdicts the rule tests attached, in the catalogue's order. */
/**
 * The results in the catalogue's order, one per rule id: rules this part of a run did not decide
 * (--only, --shard) are listed as skipped, saying so, rather than left out.
 */
function completeResults(results: readonly ReportedVerdict[], partial: string | undefined, notRunReason: string | undefined): ReportedVerdict[] {
  const byRule = new Map(results.map((r) => [r.rule, r]));
  return RULES.map(
    (rule) =>
      byRule.get(rule.id) ?? {
        rule: rule.id,
        level: rule.level,
        operation: rule.operation,
        statement: rule.statement,
        source: rule.source,
        status: 'skipped' as const,
        casesRun: 0,
        reason: isClientRule(rule.id)
          ? "a client rule: it is decided on a client's own traffic (npx conformance sdk); a run against a server has no client under test"
          : (notRunReason ?? (partial ? `not run in this part of the run (${partial})` : 'not run')),
        failures: [],
      },
  );
}

/** How a run against the embedded mock names its target (a value in memory: there is no file). */
export const EMBEDDED_TARGET = '(embedded reference mock)';

/** How a report names its target: the file's name and path, and each cloud's endpoint. */
export function reportTarget(target: Pick<ResolvedTarget, 'name' | 'file' | Cloud>): ConformanceReport['target'] {
  return { name: target.name, file: target.file, endpoints: endpointsOf(target) };
}

export function buildReport(args: {
  target: ConformanceReport['target'];
  results: readonly ReportedVerdict[];
  seed: number;
  runs: number;
  strict: boolean;
  startedAt: Date;
  requests: number;
  partial?: string;
  restore?: readonly RestoreOutcome[];
  couldNotRun?: readonly CouldNotRun[];
  /** Why a rule with no verdict was not run (default: not in this part of the run, or simply not run). */
  notRunReason?: string;
}): ConformanceReport {
  const couldNotRun = args.couldNotRun ?? [];
  const results = completeResults(args.results, args.partial, args.notRunReason);
  const count = (f: (r: ReportedVerdict) => boolean) => results.filter(f).length;
  return {
    tool: 'keypair-conformance',
    target: args.target,
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
    ...outcomeOf(results, args.strict, couldNotRun),
    ...(couldNotRun.length > 0 ? { couldNotRun } : {}),
    restore: args.restore ?? [],
    results,
  };
}
