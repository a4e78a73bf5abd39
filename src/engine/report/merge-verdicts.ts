import type { ReportedVerdict } from './report-types.ts';

/**
 * One verdict from two parts of a run that both judged a rule (the client rules are judged on each
 * cloud's calls): failed if either failed, passed if either passed, else skipped with the first reason.
 */
export function mergeVerdicts(a: ReportedVerdict, b: ReportedVerdict): ReportedVerdict {
  const status = a.status === 'fail' || b.status === 'fail' ? 'fail' : a.status === 'pass' || b.status === 'pass' ? 'pass' : 'skipped';
  const variants = { ...a.variants };
  for (const [k, n] of Object.entries(b.variants ?? {})) variants[k] = (variants[k] ?? 0) + n;
  const { reason: _a, variants: _va, ...rest } = a;
  return {
    ...rest,
    status,
    casesRun: a.casesRun + b.casesRun,
    ...(status === 'skipped' ? { reason: a.reason ?? b.reason } : {}),
    ...(Object.keys(variants).length > 0 ? { variants } : {}),
    failures: [...a.failures, ...b.failures],
  };
}
