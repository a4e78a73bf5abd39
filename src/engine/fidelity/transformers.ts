import { CLOUDS, type Cloud } from '../../families/api-families.ts';
import type { Cassette } from '../cassettes/cassette.ts';

/**
 * What two faithful targets legitimately answer differently, and what stands in for it before answers
 * are compared (LocalStack's snapshot transformers, declared as data). The report lists each one and
 * how often it replaced a value on each side, so nothing is hidden by normalisation.
 */
export interface Transformer {
  readonly name: string;
  readonly description: string;
  /** The stand-in for `value` found at member `key`, or undefined when this transformer does not apply. */
  replace(value: string, key: string | undefined, side: SideFacts): string | undefined;
}

/** What a side's transformers need to know: its run's nonce and the fixture ids of its target file. */
export interface SideFacts {
  readonly nonce?: string;
  /** Fixture id → its place in the target file, e.g. `huaweicloud.fixtures.servers.running[0]`. */
  readonly fixtures: ReadonlyMap<string, string>;
  /** Task id → the exchange that answered it (`<case key>/<json path>`), filled in as the side is read. */
  readonly taskOrigins: Map<string, string>;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export const TRANSFORMERS: readonly Transformer[] = [
  {
    name: 'request-id',
    description: 'X-Request-Id, request_id and ResponseMetadata.RequestId: generated per request → <request-id>',
    replace: (value, key) => (value !== '' && (key === 'RequestId' || key === 'request_id' || key === 'x-request-id') ? '<request-id>' : undefined),
  },
  {
    name: 'task-id',
    description: 'task_id: generated per bind → <task-id>; a task looked up is named by the answer it came from',
    replace: (value, key, side) =>
      value === ''
        ? undefined
        : key === 'task_id'
          ? '<task-id>'
          : key === 'taskId'
            ? `<task of ${side.taskOrigins.get(value) ?? 'an unknown answer'}>`
            : undefined,
  },
  {
    name: 'timestamp',
    description: 'ISO 8601 date-times: the clock of each run → <timestamp>',
    replace: (value) => (ISO_DATE_TIME.test(value) ? '<timestamp>' : undefined),
  },
  {
    name: 'fixture-id',
    description: "ids from the target file's fixtures → their place in it (<volcengine.fixtures.instances.running[0]>)",
    replace: (value, _key, side) => {
      const place = value === '' ? undefined : side.fixtures.get(value);
      return place === undefined ? undefined : `<${place}>`;
    },
  },
  {
    name: 'run-nonce',
    description: "the run's nonce inside generated ids, names and ClientTokens → <nonce>",
    replace: (value, _key, side) => (side.nonce && value.includes(side.nonce) ? value.split(side.nonce).join('<nonce>') : undefined),
  },
];

/** Every fixture id of a cassette's target file, with its place in the file. */
export function fixturePlaces(cassette: Pick<Cassette, 'target'>): Map<string, string> {
  const places = new Map<string, string>();
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'string') {
      if (!places.has(node)) places.set(node, path);
    } else if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}[${i}]`));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
  };
  for (const cloud of CLOUDS) {
    const fixtures = (cassette.target as Partial<Record<Cloud, { fixtures?: unknown }>>)[cloud]?.fixtures;
    if (fixtures) walk(fixtures, `${cloud}.fixtures`);
  }
  return places;
}

/** Applies the transformers to every string in `value`, counting what each replaced. */
export class Normaliser {
  readonly counts = new Map<string, number>(TRANSFORMERS.map((t) => [t.name, 0]));

  constructor(readonly side: SideFacts) {}

  normalise(value: unknown, key?: string): unknown {
    if (typeof value === 'string') return this.string(value, key);
    if (Array.isArray(value)) return value.map((v) => this.normalise(v, key));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.normalise(v, k)]));
    return value;
  }

  string(value: string, key?: string): string {
    for (const t of TRANSFORMERS) {
      const out = t.replace(value, key, this.side);
      if (out !== undefined) {
        this.counts.set(t.name, this.counts.get(t.name)! + 1);
        return out;
      }
    }
    return value;
  }
}
