import { loadSpec } from './load-spec.ts';
import type { SpecName } from './spec-files.ts';

/** One entry of a spec's error-code catalogue (`components.x-error-codes`). */
export interface ErrorCodeEntry {
  /** `kps` or `gateway` (Huawei); `request`, `instance` or `gateway` (Volcengine). */
  readonly scope: 'kps' | 'gateway' | 'request' | 'instance';
  /** HTTP status; absent for per-instance codes, which travel inside a 200. */
  readonly status?: number;
  readonly code: string;
  /** Volcengine gateway codes: the numeric `CodeN` the common error codes page gives, where it gives one. */
  readonly codeN?: number;
  /** The published message, or null where none was published. */
  readonly message: string | null;
  readonly meaning: string;
  readonly source: string;
}

/** A spec's error-code catalogue. */
export function listErrorCodes(spec: SpecName): readonly ErrorCodeEntry[] {
  return (loadSpec(spec).components?.['x-error-codes'] ?? []) as ErrorCodeEntry[];
}

/** The catalogue entry for a code (the first, where a code is listed with several messages). */
export function errorCode(spec: SpecName, code: string, scope?: ErrorCodeEntry['scope']): ErrorCodeEntry {
  const entry = listErrorCodes(spec).find((e) => e.code === code && (scope === undefined || e.scope === scope));
  if (!entry) throw new Error(`errorCode: ${code} is not in the ${spec} catalogue (specs/${spec}.openapi.yaml, x-error-codes).`);
  return entry;
}
