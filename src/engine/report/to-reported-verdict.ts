import type { FailureRecord, RuleVerdict } from '../verdicts/rule-verdict.ts';
import { redact } from '../target/redact.ts';
import type { ReportedFailure, ReportedVerdict } from './report-types.ts';

const KEPT_RESPONSE_HEADERS = ['content-type', 'x-request-id', 'retry-after'];

/** A verdict in report form, with every secret removed: this is all that leaves the worker. */
export function toReportedVerdict(verdict: RuleVerdict, secrets: readonly string[], replayCommand: (failureId: string) => string): ReportedVerdict {
  const failures = verdict.failures.map((f) => reportFailure(verdict, f, replayCommand(f.id)));
  return redact({ ...verdict, failures }, secrets);
}

function reportFailure(v: RuleVerdict, f: FailureRecord, replay: string): ReportedFailure {
  const x = f.exchange;
  const r = x.response;
  return {
    id: f.id,
    title: f.title,
    received: f.received,
    documented: f.documented,
    documents: { statement: v.statement, source: v.source },
    case: {
      id: f.case.id,
      title: f.case.title,
      source: f.case.source,
      operation: f.case.operation,
      request: f.case.request,
      expect: f.case.expect,
      ...(f.case.clientPlan ? { clientPlan: f.case.clientPlan } : {}),
    },
    request: { method: x.request.method, url: x.request.url, headers: x.request.headers, ...(x.request.body !== undefined ? { body: x.request.body } : {}) },
    ...(r
      ? {
          response: {
            status: r.status,
            headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => KEPT_RESPONSE_HEADERS.includes(k))),
            body: r.text.slice(0, 4000),
          },
        }
      : {}),
    ...(x.error ? { error: x.error } : {}),
    ...(x.client
      ? {
          client: {
            outcome: x.client.outcome,
            attempts: x.client.attempts.map((a) => ({
              method: a.request.method,
              url: a.request.url,
              headers: a.request.headers,
              ...(a.request.body !== undefined ? { body: a.request.body } : {}),
              ...(a.response ? { status: a.response.status } : {}),
              ...(a.fault ? { fault: a.fault.kind === 'status' ? String(a.fault.status) : a.fault.kind } : {}),
              ...(a.error ? { error: a.error } : {}),
            })),
          },
        }
      : {}),
    seed: f.seed,
    ...(f.path ? { path: f.path } : {}),
    shrunk: f.shrunk,
    replay,
  };
}
