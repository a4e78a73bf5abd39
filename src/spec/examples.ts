import { loadSpec } from './load-spec.ts';
import { SPEC_NAMES, type SpecName } from './spec-files.ts';

/** One example the specs carry, with the schema it must satisfy. */
export interface SpecExample {
  readonly spec: SpecName;
  readonly operationId: string;
  readonly kind: 'request' | 'response';
  /** HTTP status, for a response example. */
  readonly status?: number;
  /** The example's key in the spec, e.g. `replaceWithPrivateKey`. */
  readonly name: string;
  readonly summary: string;
  readonly value: unknown;
  /** `#/components/schemas/…` of the body (or of the logical request of an RPC action). */
  readonly schemaRef: string;
  /** The raw request line, for an RPC example written as the documents show it. */
  readonly wire?: string;
}

/** Every example of every operation: request bodies, logical RPC requests (`x-examples`), responses. */
export function listExamples(spec?: SpecName): SpecExample[] {
  if (spec === undefined) return SPEC_NAMES.flatMap((name) => listExamples(name));
  const doc = loadSpec(spec);
  const out: SpecExample[] = [];
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of [item.get, item.post].filter((o) => o !== undefined)) {
      const base = { spec, operationId: op.operationId };
      const body = op.requestBody?.content?.['application/json'];
      for (const [name, ex] of Object.entries(body?.examples ?? {})) {
        out.push({ ...base, kind: 'request', name, summary: ex.summary ?? '', value: ex.value, schemaRef: body!.schema!.$ref! });
      }
      for (const [name, ex] of Object.entries(op['x-examples'] ?? {})) {
        out.push({ ...base, kind: 'request', name, summary: ex.summary ?? '', value: ex.value, schemaRef: op['x-request-schema']!.$ref, wire: ex.wire });
      }
      for (const [status, raw] of Object.entries(op.responses ?? {})) {
        const response = '$ref' in raw ? doc.components.responses![raw.$ref.split('/').pop()!]! : raw;
        const media = response.content?.['application/json'];
        for (const [name, ex] of Object.entries(media?.examples ?? {})) {
          out.push({ ...base, kind: 'response', status: Number(status), name, summary: ex.summary ?? '', value: ex.value, schemaRef: media!.schema!.$ref! });
        }
      }
    }
  }
  return out;
}
