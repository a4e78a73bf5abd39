import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import schema from './target-file.schema.json' with { type: 'json' };
import { CLOUDS, type Cloud } from '../../families/api-families.ts';
import type { CloudTargets, ResolvedTarget } from './resolved-target.ts';
import { TargetFileError } from './target-file-error.ts';

const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true }).compile(schema);

/** The example target files' placeholders: a file that still holds one was copied and not filled in. */
const PLACEHOLDER = /^replace-with-/;

/** How credentials are read: from the environment, or (for commands that send nothing) not at all. */
export interface LoadOptions {
  /** 'placeholder': a variable that is not set reads as a placeholder, for `plan`, which signs nothing it sends. */
  readonly credentials?: 'required' | 'placeholder';
}

const DEFAULT_SAFETY = { allowMutations: true, maxRequests: 100_000, requestsPerSecond: 0, requestTimeoutMs: 10_000 };

/**
 * Reads a target file (docs/DESIGN.md), validates it, and reads the credentials from the environment
 * variables it names. Every problem is one TargetFileError naming the file, the place and the fix.
 */
export function loadTargetFile(file: string, env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): ResolvedTarget {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TargetFileError(`target file ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path given to --target.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new TargetFileError(`target file ${file}: is not JSON (${(error as Error).message}). Fix the syntax; docs/DESIGN.md shows the format.`);
  }
  return resolveTargetDocument(raw, file, env, options);
}

/**
 * A target file's document (already parsed: a cassette's, the embedded mock's) validated and resolved as
 * loadTargetFile does; `file` names it in errors and reports. No temporary file is written to get here.
 */
export function resolveTargetDocument(raw: unknown, file: string, env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): ResolvedTarget {
  if (!validate(raw)) {
    // A misspelt member also leaves a required one missing: the unknown name is the one to report.
    const errors = validate.errors!;
    const first = errors.find((e) => e.keyword === 'additionalProperties') ?? errors.find((e) => !e.schemaPath.includes('/oneOf/')) ?? errors[0]!;
    throw new TargetFileError(`target file ${file}: ${explain(first)}. See docs/DESIGN.md for the format.`);
  }
  const placeholder = findPlaceholder(raw);
  if (placeholder) {
    throw new TargetFileError(
      `target file ${file}: ${placeholder.path} is still the example's placeholder "${placeholder.value}". Put your own account's value there (docs/live-runs.md).`,
    );
  }
  const secrets: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON enters here; the schema above has validated its shape
  const doc = raw as Record<string, any>;
  const clouds: Partial<{ -readonly [C in Cloud]: CloudTargets[C] }> = {};
  for (const cloud of CLOUDS) {
    const section = doc[cloud];
    if (section === undefined) continue;
    const read: ReadVariable = (member, name, optional = false) => {
      if (name === undefined) return undefined;
      const value = env[name];
      if (value === undefined || value === '') {
        if (optional) return undefined;
        if (options.credentials === 'placeholder') return `unset-${name}`;
        throw new TargetFileError(
          `target file ${file}: ${cloud}.${member} names ${name}, which is not set. Set it in the environment (credentials never go in the file).`,
        );
      }
      secrets.push(value);
      return value;
    };
    Object.assign(clouds, { [cloud]: RESOLVERS[cloud](section, read) });
  }
  return { name: doc.name, file, document: doc, ...clouds, safety: { ...DEFAULT_SAFETY, ...doc.safety }, secrets };
}

/** Reads the variable a member names (`auth.akEnv` names AK_VAR): its value, or a TargetFileError. */
type ReadVariable = (member: string, name: string | undefined, optional?: boolean) => string | undefined;

/** Each cloud's section of a validated target file, with its defaults filled in and credentials read. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a section of the validated JSON document
const RESOLVERS: { [C in Cloud]: (section: any, read: ReadVariable) => CloudTargets[C] } = {
  huaweicloud: (hw, read) => ({
    endpoint: hw.endpoint.replace(/\/+$/, ''),
    region: hw.region ?? '',
    projectId: hw.projectId,
    credentials: hw.auth.tokenEnv
      ? { kind: 'token', token: read('auth.tokenEnv', hw.auth.tokenEnv)! }
      : {
          kind: 'aksk',
          accessKey: read('auth.akEnv', hw.auth.akEnv)!,
          secretKey: read('auth.skEnv', hw.auth.skEnv)!,
          securityToken: read('auth.securityTokenEnv', hw.auth.securityTokenEnv, true),
        },
    taskTimeoutMs: hw.taskTimeoutMs ?? 30 * 60 * 1000,
    taskPoll: { firstMs: hw.taskPoll?.firstMs ?? 100, maxIntervalMs: hw.taskPoll?.maxIntervalMs ?? 20_000 },
    caFile: hw.caFile,
    fixtures: {
      keypairs: hw.fixtures.keypairs ?? [],
      servers: { running: hw.fixtures.servers?.running ?? [], bound: hw.fixtures.servers?.bound ?? [], stopped: hw.fixtures.servers?.stopped ?? [] },
      originalKeypairs: hw.fixtures.originalKeypairs ?? {},
    },
  }),
  volcengine: (volc, read) => ({
    endpoint: volc.endpoint.replace(/\/+$/, ''),
    region: volc.region,
    credentials: {
      accessKey: read('auth.akEnv', volc.auth.akEnv)!,
      secretKey: read('auth.skEnv', volc.auth.skEnv)!,
      securityToken: read('auth.securityTokenEnv', volc.auth.securityTokenEnv, true),
    },
    caFile: volc.caFile,
    fixtures: {
      keyPairs: volc.fixtures.keyPairs ?? [],
      instances: {
        running: volc.fixtures.instances?.running ?? [],
        stopped: volc.fixtures.instances?.stopped ?? [],
        windows: volc.fixtures.instances?.windows ?? [],
        noAgent: volc.fixtures.instances?.noAgent ?? [],
        transitional: volc.fixtures.instances?.transitional ?? [],
      },
      originalKeyPairs: volc.fixtures.originalKeyPairs ?? {},
    },
  }),
};

/** One schema error in words: where (the member's path), what is wrong, and the nearest known name. */
function explain(e: ErrorObject): string {
  const where = e.instancePath
    ? e.instancePath
        .slice(1)
        .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
        .replace(/\//g, '.')
    : 'the top level';
  if (e.schemaPath.startsWith('#/anyOf')) return `the top level names no cloud: add ${CLOUDS.map((c) => `"${c}"`).join(' or ')}`;
  if (e.schemaPath.includes('/auth/oneOf')) return `${where} needs either akEnv and skEnv, or tokenEnv, not both`;
  if (e.keyword === 'additionalProperties') {
    const member = String(e.params.additionalProperty);
    const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== '$schema');
    const near = known.find((k) => editDistance(k.toLowerCase(), member.toLowerCase()) <= 2);
    if (!e.instancePath) return `"${member}" is not a cloud or setting this suite knows (${known.join(', ')})${near ? `; did you mean "${near}"?` : ''}`;
    return `${where}.${member} is not a member ${where} has (${known.join(', ')})${near ? `; did you mean "${near}"?` : ''}`;
  }
  return `${where} ${e.message}`;
}

/** The first string that is still an example placeholder, with its path. */
function findPlaceholder(node: unknown, path = ''): { path: string; value: string } | undefined {
  if (typeof node === 'string') return PLACEHOLDER.test(node) ? { path: path || 'the top level', value: node } : undefined;
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) {
      const found = findPlaceholder(item, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const found = findPlaceholder(key, path ? `${path}.${key}` : key) ?? findPlaceholder(value, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/** Levenshtein distance, for "did you mean": member names are short. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
