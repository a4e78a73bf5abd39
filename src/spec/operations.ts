import { loadSpec, type OpenApiDocument, type ReferenceObject, type ResponseObject } from './load-spec.ts';
import { SPEC_NAMES, type SpecName } from './spec-files.ts';
import type { WireEncoding } from './wire-encoding.ts';

export type { WireEncoding } from './wire-encoding.ts';

/** One documented status of an operation and the schema its body must match. */
export interface DocumentedResponse {
  readonly status: number;
  /** `#/components/schemas/…` reference, or undefined for a response without a JSON body. */
  readonly schemaRef?: string;
}

/** A spec operation, normalised: what the rest of the code needs, without OpenAPI's structure. */
export interface Operation {
  readonly spec: SpecName;
  readonly operationId: string;
  /** The rule-id prefix of the operation (`kps.associate`), when rules are reported for it. */
  readonly ruleOperation?: string;
  readonly method: 'GET' | 'POST';
  /** Path template, e.g. `/v3/{project_id}/keypairs/associate`. */
  readonly path: string;
  /** `x-supporting`: used to follow and undo a bind, not checked itself. */
  readonly supporting: boolean;
  /** The logical request's schema: the JSON body, or the `x-request-schema` of an RPC action. */
  readonly requestSchemaRef?: string;
  readonly wireEncoding?: WireEncoding;
  readonly responses: readonly DocumentedResponse[];
  /** `x-conflicts`: where the documents disagree, each accepted variant (the checks accept them in their own code, not from here). */
  readonly conflicts: readonly { rule: string; variants: readonly { name: string; source: string }[] }[];
}

const cache = new Map<SpecName, Operation[]>();

/** Every operation of one spec, or of all of them. */
export function listOperations(spec?: SpecName): Operation[] {
  if (spec === undefined) return SPEC_NAMES.flatMap((name) => listOperations(name));
  let ops = cache.get(spec);
  if (!ops) {
    ops = readOperations(spec);
    cache.set(spec, ops);
  }
  return ops;
}

/** One operation by its operationId; throws with the known ids when there is none. */
export function getOperation(operationId: string): Operation {
  const op = listOperations().find((o) => o.operationId === operationId);
  if (!op) {
    const known = listOperations()
      .map((o) => o.operationId)
      .join(', ');
    throw new Error(`getOperation: no operation ${operationId} in specs/. Known: ${known}.`);
  }
  return op;
}

function readOperations(spec: SpecName): Operation[] {
  const doc = loadSpec(spec);
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'post'] as const) {
      const raw = item[method];
      if (!raw) continue;
      const requestSchemaRef: string | undefined = raw.requestBody?.content?.['application/json']?.schema?.$ref ?? raw['x-request-schema']?.$ref;
      ops.push({
        spec,
        operationId: raw.operationId,
        ruleOperation: raw['x-rule-operation'],
        method: method.toUpperCase() as 'GET' | 'POST',
        path,
        supporting: raw['x-supporting'] === true,
        requestSchemaRef,
        wireEncoding: raw['x-wire-encoding'],
        responses: Object.entries(raw.responses ?? {}).map(([status, response]) => ({
          status: Number(status),
          schemaRef: resolveResponse(doc, response).content?.['application/json']?.schema?.$ref,
        })),
        conflicts: raw['x-conflicts'] ?? [],
      });
    }
  }
  return ops;
}

function resolveResponse(doc: OpenApiDocument, response: ResponseObject | ReferenceObject): ResponseObject {
  if (!('$ref' in response)) return response;
  const name = response.$ref.replace(/^#\/components\/responses\//, '');
  return doc.components?.responses?.[name] ?? {};
}
