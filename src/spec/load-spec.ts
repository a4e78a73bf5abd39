import { readFileSync } from 'node:fs';
import type { WireEncoding } from './wire-encoding.ts';
import { parseSpecText } from './spec-cache.ts';
import { SPEC_FILES, type SpecName } from './spec-files.ts';

/**
 * A JSON Schema node of a spec, as written (its `$ref`s point into `#/components/schemas/`): the keywords
 * the code reads, typed; any other keyword is `unknown` until someone narrows it.
 */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: string[];
  readonly items?: SchemaNode;
  readonly anyOf?: SchemaNode[];
  readonly oneOf?: SchemaNode[];
  readonly enum?: unknown[];
  readonly const?: unknown;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** Every item of the array has the same value of this member (`src/spec/_internals/same-value-keyword.ts`). */
  readonly 'x-same-value'?: string;
  /** Should-level constraints kept out of the schema, each with the rule it expresses. */
  readonly 'x-rule-constraints'?: readonly { readonly rule: string; readonly schema: SchemaNode }[];
  readonly [keyword: string]: unknown;
}

/** `{ $ref }`, pointing into the same document. */
export interface ReferenceObject {
  readonly $ref: string;
}

/** An example of a request or response body (or of an RPC action's logical request, with its `wire` line). */
export interface ExampleObject {
  readonly summary?: string;
  readonly value?: unknown;
  /** `x-examples` only: the raw request line as the documents show it. */
  readonly wire?: string;
}

/** One media type of a body: its schema (always a `$ref` in these specs) and its examples. */
export interface MediaTypeObject {
  readonly schema?: SchemaNode;
  readonly examples?: Readonly<Record<string, ExampleObject>>;
}

export interface ResponseObject {
  readonly description?: string;
  readonly content?: Readonly<Record<string, MediaTypeObject>>;
}

/** An operation, with the `x-` extensions `specs/README.md` lists for operations. */
export interface OperationObject {
  readonly operationId: string;
  readonly requestBody?: { readonly content?: Readonly<Record<string, MediaTypeObject>> };
  readonly responses?: Readonly<Record<string, ResponseObject | ReferenceObject>>;
  readonly 'x-rule-operation'?: string;
  readonly 'x-supporting'?: boolean;
  readonly 'x-request-schema'?: ReferenceObject;
  readonly 'x-wire-encoding'?: WireEncoding;
  readonly 'x-conflicts'?: readonly { readonly rule: string; readonly variants: readonly { readonly name: string; readonly source: string }[] }[];
  readonly 'x-examples'?: Readonly<Record<string, ExampleObject>>;
  readonly 'x-source'?: { readonly seed?: string; readonly page?: string };
  readonly [member: string]: unknown;
}

export interface PathItemObject {
  readonly get?: OperationObject;
  readonly post?: OperationObject;
}

/**
 * An OpenAPI 3.1 document as parsed from YAML; only src/spec/ looks inside it. The type is what the two
 * hand-written specs hold (Redocly lints them, `tests/spec/` reads them whole); the parser does not check it.
 */
export interface OpenApiDocument {
  readonly info: { readonly [member: string]: unknown };
  readonly paths: Readonly<Record<string, PathItemObject>>;
  readonly components: {
    readonly schemas?: Readonly<Record<string, SchemaNode>>;
    readonly responses?: Readonly<Record<string, ResponseObject>>;
    readonly 'x-error-codes'?: readonly unknown[];
    readonly [member: string]: unknown;
  };
}

const cache = new Map<SpecName, OpenApiDocument>();

/** Reads and parses one spec once per process (the parsed form is cached across processes: spec-cache.ts). */
export function loadSpec(name: SpecName): OpenApiDocument {
  let doc = cache.get(name);
  if (!doc) {
    doc = parseSpecText(readFileSync(SPEC_FILES[name], 'utf8')) as OpenApiDocument;
    cache.set(name, doc);
  }
  return doc;
}
