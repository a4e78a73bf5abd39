import type { ConformanceReport, ReportedVerdict } from './report-types.ts';

/** One difference between two runs that a nightly job should hear about. */
export interface ReportChange {
  readonly rule: string;
  readonly kind: 'started-failing' | 'stopped-failing' | 'now-skipped' | 'no-longer-skipped' | 'variant-changed' | 'added' | 'removed';
  readonly level: string;
  readonly detail: string;
}

const variantsOf = (v: ReportedVerdict) =>
  Object.keys(v.variants ?? {})
    .sort()
    .join(', ') || '(none)';

/**
 * What changed between two conformance.json reports: rules that started or stopped failing, became or
 * stopped being skipped, and conflict rules whose observed variant changed (the documents drifted, or
 * the cloud did). Counts and timings are noise and are ignored.
 */
export function diffReports(before: ConformanceReport, after: ConformanceReport): ReportChange[] {
  const old = new Map(before.results.map((r) => [r.rule, r]));
  const changes: ReportChange[] = [];
  for (const now of after.results) {
    const was = old.get(now.rule);
    old.delete(now.rule);
    if (!was) {
      changes.push({ rule: now.rule, kind: 'added', level: now.level, detail: `new rule, ${now.status}` });
      continue;
    }
    if (was.status !== 'fail' && now.status === 'fail')
      changes.push({ rule: now.rule, kind: 'started-failing', level: now.level, detail: now.failures[0]?.title ?? 'failed' });
    if (was.status === 'fail' && now.status !== 'fail')
      changes.push({ rule: now.rule, kind: 'stopped-failing', level: now.level, detail: `now ${now.status}` });
    if (was.status !== 'skipped' && now.status === 'skipped') changes.push({ rule: now.rule, kind: 'now-skipped', level: now.level, detail: now.reason ?? '' });
    if (was.status === 'skipped' && now.status !== 'skipped')
      changes.push({ rule: now.rule, kind: 'no-longer-skipped', level: now.level, detail: `now ${now.status}` });
    if (now.level === 'conflict' && was.status !== 'skipped' && now.status !== 'skipped' && variantsOf(was) !== variantsOf(now)) {
      changes.push({ rule: now.rule, kind: 'variant-changed', level: now.level, detail: `${variantsOf(was)} → ${variantsOf(now)}` });
    }
  }
  for (const gone of old.values()) changes.push({ rule: gone.rule, kind: 'removed', level: gone.level, detail: 'no longer in the report' });
  return changes;
}
