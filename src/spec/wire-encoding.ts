/** A logical RPC request: scalars and arrays of scalars, as its schema describes it. */
export type LogicalRequest = Readonly<Record<string, string | number | boolean | readonly (string | number)[] | undefined>>;

/** How a Volcengine-style action puts its logical request on the wire (the operation's `x-wire-encoding`). */
export interface WireEncoding {
  readonly in: 'query';
  /** Members sent with a fixed value on every request (`Action`, `Version`). */
  readonly fixed: Readonly<Record<string, string>>;
  /** Array members sent one parameter per item: `pattern` with `{N}` replaced by the position. */
  readonly indexed: Readonly<Record<string, { readonly pattern: string; readonly firstIndex: number }>>;
}

/**
 * Encodes a logical request as query parameters, in the order the encoding gives: the fixed members
 * first, then the request's members in their own order, each indexed array expanded item by item
 * (`InstanceIds.1`, `InstanceIds.2`, …). Everything it knows about the wire comes from `encoding`.
 */
export function encodeRpcQuery(encoding: WireEncoding, request: LogicalRequest): [string, string][] {
  const params: [string, string][] = Object.entries(encoding.fixed).map(([k, v]) => [k, v]);
  for (const [name, value] of Object.entries(request)) {
    if (value === undefined) continue;
    const indexed = encoding.indexed[name];
    if (indexed) {
      if (!Array.isArray(value)) throw new Error(`encodeRpcQuery: ${name} is indexed on the wire, so it must be an array.`);
      value.forEach((item, i) => params.push([indexed.pattern.replace('{N}', String(i + indexed.firstIndex)), String(item)]));
    } else {
      if (Array.isArray(value)) throw new Error(`encodeRpcQuery: ${name} is an array but x-wire-encoding does not index it.`);
      params.push([name, String(value)]);
    }
  }
  return params;
}

/** What a query decodes to: the logical request, plus what did not fit the encoding. */
export interface DecodedRpcQuery {
  readonly request: Record<string, string | string[]>;
  /** Fixed members as received (Action, Version), which the server checks itself. */
  readonly fixed: Record<string, string>;
  /** Indexed parameters whose index is not a positive integer in range, e.g. `InstanceIds.0`, `InstanceIds.x`. */
  readonly badIndexes: string[];
}

/**
 * Decodes query parameters into the logical request: indexed arrays are ordered by their index (gaps
 * closed), and at most `maxIndex` is accepted as an index so that `InstanceIds.99999999` cannot allocate.
 */
export function decodeRpcQuery(encoding: WireEncoding, params: Iterable<[string, string]>, maxIndex = 10_000): DecodedRpcQuery {
  const request: Record<string, string | string[]> = {};
  const fixed: Record<string, string> = {};
  const badIndexes: string[] = [];
  const indexedItems = new Map<string, [number, string][]>();
  const matchers = Object.entries(encoding.indexed).map(([name, spec]) => {
    const [before, after] = spec.pattern.split('{N}') as [string, string];
    return { name, before, after, firstIndex: spec.firstIndex };
  });
  for (const [key, value] of params) {
    if (key in encoding.fixed) {
      fixed[key] = value;
      continue;
    }
    const matcher = matchers.find((m) => key.startsWith(m.before) && key.endsWith(m.after) && key.length > m.before.length + m.after.length - 1);
    if (matcher) {
      const indexText = key.slice(matcher.before.length, key.length - matcher.after.length);
      const index = /^[0-9]{1,9}$/.test(indexText) ? Number(indexText) : NaN;
      if (!Number.isInteger(index) || index < matcher.firstIndex || index > maxIndex) {
        badIndexes.push(key);
        continue;
      }
      const items = indexedItems.get(matcher.name) ?? [];
      items.push([index, value]);
      indexedItems.set(matcher.name, items);
      continue;
    }
    request[key] = value;
  }
  for (const [name, items] of indexedItems) {
    request[name] = items.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }
  return { request, fixed, badIndexes };
}
