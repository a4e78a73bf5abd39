import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from './case-file.schema.json' with { type: 'json' };
import type { CaseOperation } from '../case.ts';

/** One of the documents' example requests, as data (src/engine/cases/examples/*.cases.json). */
export interface ExampleCase {
  readonly id: string;
  readonly title: string;
  readonly operation: Extract<CaseOperation, 'kps.associate' | 'kps.batch-associate' | 'ecs.attach-key-pair'>;
  readonly section?: string;
  readonly request: { readonly body?: Record<string, unknown>; readonly logical?: Record<string, unknown> };
  /** JSON pointers that name fixtures, replaced by the target's own in the bound copy. */
  readonly bind: { readonly keypair?: string[]; readonly runningServer?: string[]; readonly keyPairName?: string[]; readonly runningInstances?: string[] };
}

const DIR = fileURLToPath(new URL('.', import.meta.url));
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

/** Every example case file, validated by case-file.schema.json; a bad file is an error naming it. */
export function loadExampleCases(): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.cases.json'))
    .sort()) {
    const data = JSON.parse(readFileSync(DIR + file, 'utf8'));
    if (!validate(data)) {
      const e = validate.errors![0]!;
      throw new Error(`loadExampleCases: ${file}${e.instancePath} ${e.message}. See case-file.schema.json.`);
    }
    cases.push(...(data as { cases: ExampleCase[] }).cases);
  }
  const ids = cases.map((c) => c.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`loadExampleCases: id ${duplicate} is used twice. Rename one.`);
  return cases;
}

/** A deep copy of `value` with the member at each JSON pointer replaced by `pick(i)`. */
export function replaceAtPointers<T>(value: T, pointers: readonly string[], pick: (i: number) => unknown): T {
  const copy = structuredClone(value);
  const member = (node: unknown, key: string): unknown => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined);
  pointers.forEach((pointer, i) => {
    const parts = pointer.slice(1).split('/');
    const last = parts.pop()!;
    const parent = parts.reduce<unknown>(member, copy);
    if (parent && typeof parent === 'object') (parent as Record<string, unknown>)[last] = pick(i);
  });
  return copy;
}
