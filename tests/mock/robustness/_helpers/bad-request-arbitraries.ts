import fc from 'fast-check';
import type { WireRequest } from './http-client.ts';
import { FIXTURES, PROJECT_ID, RUNNING_INSTANCES, RUNNING_SERVERS, VOLC_KEYPAIR, signHuawei, signVolcengine, type Unsigned } from './mock-requests.ts';
import { cloudOf, traceIn, type Cloud } from './response-checks.ts';

/**
 * Generators of bad requests for the mock's two gateways. Each case says which cloud answers it, how it
 * is authenticated (signed at send time, so dates are fresh), and, where the documents leave no choice,
 * which statuses may answer it.
 *
 * Left out on purpose, because the mock gets them wrong today and edge-cases.spec.ts holds a `test.fail`
 * for each: a Volcengine request the HTTP parser refuses (non-ASCII or over-long target, unknown method
 * token) and an `Expect` header other than `100-continue`.
 */
export type HuaweiAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'aksk'; readonly variant: 'valid' | 'wrong-secret' | 'unknown-ak' | 'stale' | 'tampered-body' }
  | { readonly kind: 'garbage'; readonly authorization: string; readonly sdkDate?: string };

export type VolcAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'sign'; readonly variant: 'valid' | 'wrong-secret' | 'unknown-ak' | 'stale' | 'tampered-query' | 'other-service' | 'odd-region' }
  | { readonly kind: 'garbage'; readonly authorization: string; readonly xDate?: string };

export interface BadCase {
  readonly cloud: Cloud;
  /** What the case is, for failure reports: `huawei/malformed-json`, `volcengine/absurd-index`, … */
  readonly kind: string;
  readonly request: Unsigned;
  readonly auth: HuaweiAuth | VolcAuth;
  readonly chunked?: boolean;
  /** The statuses the documents allow for this case, when they allow only some. */
  readonly expect?: readonly number[];
}

// ---------------------------------------------------------------------------------------------- text

const charsOf = (codes: readonly [number, number][]) => fc.oneof(...codes.map(([min, max]) => fc.integer({ min, max }))).map((c) => String.fromCharCode(c));

/**
 * Header values: tab and printable ASCII. node:http sends a string header value as UTF-8 while the server
 * reads latin-1, so a non-ASCII value in a signed header could never verify; `rawHeaderValue` (latin-1
 * too) is only for headers that are garbage anyway.
 */
const headerValue = (maxLength: number) =>
  fc.string({
    unit: charsOf([
      [0x20, 0x7e],
      [0x09, 0x09],
    ]),
    maxLength,
  });
const rawHeaderValue = (maxLength: number) =>
  fc.string({
    unit: charsOf([
      [0x20, 0x7e],
      [0x80, 0xff],
      [0x09, 0x09],
    ]),
    maxLength,
  });
/** Printable ASCII without space: what a request-target may hold raw. */
const targetText = (maxLength: number) => fc.string({ unit: charsOf([[0x21, 0x7e]]), maxLength });
/** An HTTP token (header names). */
const tokenText = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-_!#$%&'*+.^`|~".split('')), minLength: 1, maxLength: 24 });
/** Any Unicode text, astral planes and lone surrogates' neighbours included. */
const anyText = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength });
const printableAscii = (minLength: number, maxLength: number) => fc.string({ unit: charsOf([[0x20, 0x7e]]), minLength, maxLength });

// -------------------------------------------------------------------------------------------- bodies

const CONTENT_TYPES = [
  'application/json',
  'application/json;charset=UTF-8',
  'application/json; charset=utf-16',
  'text/plain',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/octet-stream',
  '',
  '*/*',
  'application/json, text/plain',
];
/** A content type: a common one, garbage, or none at all (`undefined`). */
const contentType = fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerValue(60), fc.constant(undefined));

/** Bodies that are not JSON at all. */
const malformedJson = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '}',
    '[',
    '{"keypair_name":',
    '{"keypair_name":"kp-alpha","server":{"id":"x"}',
    '{"keypair_name":"kp-alpha",}',
    "{'keypair_name':'kp-alpha'}",
    '{keypair_name: "kp-alpha"}',
    'NaN',
    'undefined',
    '{"a":1}{"b":2}',
    '{"a":1} trailing',
    '\uFEFF{"keypair_name":"kp-alpha"}',
    '/* comment */ {}',
    '{"a":"\\x41"}',
    '{"a":"\\uZZZZ"}',
    '{"a":01}',
    '[1,2,,3]',
    '"unterminated',
    'keypair_name=kp-alpha&server.id=x',
    '<xml><keypair_name>kp-alpha</keypair_name></xml>',
    '\u0000\u0000\u0000',
  ),
  anyText(200).filter((s) => !isJson(s)),
  fc.uint8Array({ minLength: 1, maxLength: 300 }),
  fc
    .json()
    .map((j) => j.slice(0, Math.max(0, j.length - 1)))
    .filter((s) => !isJson(s)),
  fc
    .json()
    .map((j) => `${j}${j}`)
    .filter((s) => !isJson(s)),
  fc.constant(Buffer.from('{"keypair_name":"kp-alpha"}', 'utf16le')),
  fc.constant(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
);

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Any JSON value where a member goes: the wrong type, usually. */
const anyJson = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, '', ' ', 'x'.repeat(5000), [], {}, [[[]]], { id: {} }) },
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const serverIdValue = fc.oneof(fc.constantFrom(...RUNNING_SERVERS.slice(0, 5)), anyJson, targetText(40));
const keypairValue = fc.oneof(fc.constantFrom(...FIXTURES.huaweiKeypairs), anyJson, anyText(80));

/** An AssociateKeypair body with some members missing or of the wrong type or value. */
const wrongAssociateBody = fc
  .record(
    {
      keypair_name: keypairValue,
      server: fc.oneof(
        anyJson,
        fc.record(
          {
            id: serverIdValue,
            auth: fc.oneof(
              anyJson,
              fc.record({ type: fc.oneof(fc.constantFrom('password', 'keypair', 'PASSWORD', ''), anyJson), key: anyJson }, { requiredKeys: [] }),
            ),
            disable_password: anyJson,
            port: fc.oneof(fc.constantFrom(0, -1, 65536, 22.5, 2 ** 53, '22', null), anyJson),
          },
          { requiredKeys: [] },
        ),
      ),
      extra: maybe(anyJson),
    },
    { requiredKeys: [] },
  )
  .map((o) => JSON.stringify(o));

/** A BatchAssociateKeypair body: a missing, empty, over-long, mixed or malformed `batch_keypairs`. */
const wrongBatchBody = fc
  .oneof(
    fc.record({ batch_keypairs: anyJson }, { requiredKeys: [] }),
    fc.record({
      batch_keypairs: fc.array(
        fc.oneof(
          anyJson,
          fc.record(
            { keypair_name: keypairValue, server: fc.oneof(anyJson, fc.record({ id: serverIdValue, port: maybe(anyJson) }, { requiredKeys: [] })) },
            { requiredKeys: [] },
          ),
        ),
        { maxLength: 40 },
      ),
    }),
  )
  .map((o) => JSON.stringify(o));

/** JSON that is valid but not an object: the wrong type for every body. */
const nonObjectJson = fc.oneof(
  fc
    .jsonValue()
    .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
    .map((v) => JSON.stringify(v)),
  fc.constantFrom('null', '[]', '0', '"kp-alpha"', 'true', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`),
);

/** Any bad body: malformed, not an object, or an object of the wrong shape for some operation. */
const badBody = fc.oneof(malformedJson, nonObjectJson, wrongAssociateBody, wrongBatchBody, fc.json());

// ------------------------------------------------------------------------------------------ Huawei

const HUAWEI_ROUTES = [
  { method: 'POST', path: (p: string) => `/v3/${p}/keypairs/associate` },
  { method: 'POST', path: (p: string) => `/v3/${p}/keypairs/batch-associate` },
  { method: 'POST', path: (p: string) => `/v3/${p}/keypairs/disassociate` },
] as const;
const OTHER_METHODS = ['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'SEARCH', 'PURGE', 'LOCK', 'REPORT'];

/** A project id: the fixture's, another, or something odd but URL-safe (signable). */
const projectId = fc.oneof(
  { weight: 4, arbitrary: fc.constant(PROJECT_ID) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constantFrom('0', 'x'.repeat(300), '%20', '-', '~'),
      anyText(20)
        .filter((s) => s !== '' && s !== '.' && s !== '..')
        .map(encodeURIComponent),
    ),
  },
);

const tokenHeader = fc.oneof(fc.constant('mock-hwc-iam-token'), rawHeaderValue(200));
const garbageAuthorization = fc.oneof(
  rawHeaderValue(300),
  fc.constantFrom(
    'SDK-HMAC-SHA256',
    'SDK-HMAC-SHA256 ',
    'SDK-HMAC-SHA256 Access=, SignedHeaders=, Signature=',
    'SDK-HMAC-SHA256 Access=MOCKHWCACCESSKEY0001, SignedHeaders=host;x-sdk-date, Signature=zz',
    `SDK-HMAC-SHA256 Access=MOCKHWCACCESSKEY0001, SignedHeaders=host;x-sdk-date, Signature=${'0'.repeat(64)}`,
    `SDK-HMAC-SHA256 Access=MOCKHWCACCESSKEY0001, SignedHeaders=HOST;;, Signature=${'a'.repeat(64)}`,
    `SDK-HMAC-SHA256 Access=A, Access=B, Signature=${'a'.repeat(64)}`,
    'HMAC-SHA256 Credential=AKLTmockvolcaccesskey0001/20240101/cn-beijing/ecs/request, SignedHeaders=host;x-date, Signature=00',
    `HMAC-SHA256 Credential=AKLTmockvolcaccesskey0001/2024/cn-beijing/ecs/request, SignedHeaders=host;x-date, Signature=${'f'.repeat(64)}`,
    `HMAC-SHA256 Credential=////, SignedHeaders=;, Signature=${'f'.repeat(64)}`,
    'Bearer eyJhbGciOiJub25lIn0.e30.',
    'Basic Zm9vOmJhcg==',
    'Negotiate',
    ',,,,,,,,,,,,',
    '=',
    `SDK-HMAC-SHA256 ${'Access=x, '.repeat(500)}`,
    `HMAC-SHA256 Credential=${'x/'.repeat(2000)}`,
  ),
  fc
    .tuple(fc.constantFrom('SDK-HMAC-SHA256', 'HMAC-SHA256'), fc.array(fc.tuple(tokenText, rawHeaderValue(40)), { maxLength: 6 }))
    .map(([alg, params]) => `${alg} ${params.map(([k, v]) => `${k}=${v.replace(/,/g, '')}`).join(', ')}`),
);
const basicDate = fc.oneof(
  fc.constantFrom('20240101T000000Z', '99999999T999999Z', '', 'yesterday', '20241301T000000Z', '00000000T000000Z'),
  rawHeaderValue(20),
  fc.constant(undefined),
);

const huaweiAuth: fc.Arbitrary<HuaweiAuth> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: tokenHeader.map((token) => ({ kind: 'token' as const, token })) },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom('valid', 'valid', 'valid', 'wrong-secret', 'unknown-ak', 'stale', 'tampered-body')
      .map((variant) => ({ kind: 'aksk' as const, variant })),
  },
  { weight: 2, arbitrary: fc.record({ authorization: garbageAuthorization, sdkDate: basicDate }).map((g) => ({ kind: 'garbage' as const, ...g })) },
);

const authenticated = (auth: HuaweiAuth | VolcAuth) =>
  (auth.kind === 'token' && auth.token === 'mock-hwc-iam-token') ||
  (auth.kind === 'aksk' && auth.variant === 'valid') ||
  (auth.kind === 'sign' && auth.variant === 'valid');

const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'expect',
  'upgrade',
  'authorization',
  'x-auth-token',
  'x-sdk-date',
  'x-date',
  'x-project-id',
  'x-content-sha256',
  'x-sdk-content-sha256',
  'x-security-token',
  'content-type',
  'keep-alive',
  'te',
  'trailer',
]);

/** Random extra headers that mean nothing to the mock (signed along with the rest when signed). */
const extraHeaders = fc.dictionary(
  tokenText.filter((n) => !RESERVED_HEADERS.has(n)),
  headerValue(100),
  { maxKeys: 4 },
);

function headersWith(ct: string | undefined, extra: Record<string, string>): Record<string, string> {
  return ct === undefined ? { ...extra } : { ...extra, 'Content-Type': ct };
}

/** A known route with the right method, authenticated somehow, and a bad body. */
const huaweiBadBody = fc
  .record({
    route: fc.constantFrom(...HUAWEI_ROUTES),
    project: projectId,
    body: badBody,
    ct: contentType,
    extra: extraHeaders,
    auth: huaweiAuth,
    chunked: fc.boolean(),
  })
  .map(({ route, project, body, ct, extra, auth, chunked }): BadCase => {
    const malformed = typeof body !== 'string' || !isJson(body);
    return {
      cloud: 'huawei',
      kind: malformed ? 'huawei/malformed-json' : 'huawei/wrong-shape-json',
      request: { method: route.method, target: route.path(project), headers: headersWith(ct, extra), body },
      auth,
      chunked,
      // Authenticated for another project: the gateway's 403 before the body is read (APIGW.0310).
      expect: authenticated(auth) ? (project !== PROJECT_ID ? [403] : malformed ? [400] : undefined) : [401],
    };
  });

/** A known path with a method it does not have, or a path that is no API: 404 whoever asks. */
const huaweiUnknownApi = fc
  .record({
    target: fc
      .oneof(
        fc.tuple(fc.constantFrom(...HUAWEI_ROUTES), fc.constantFrom(...OTHER_METHODS)).map(([r, m]) => ({ method: m, target: r.path(PROJECT_ID) })),
        fc.constantFrom('POST', 'PUT', 'DELETE').map((m) => ({ method: m, target: `/v3/${PROJECT_ID}/tasks/some-task` })),
        fc
          .tuple(
            fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
            fc.oneof(
              fc.constantFrom(
                '/v2/p/keypairs/associate',
                '/v3',
                '/v3/',
                `/v3/${PROJECT_ID}`,
                `/v3/${PROJECT_ID}/keypairs`,
                `/v3/${PROJECT_ID}/keypairs/associate/x`,
                `/v3//keypairs/associate`,
                `/v3/${PROJECT_ID}/keypairs/Associate`,
                `/v3/${PROJECT_ID}/keypairs%2Fassociate`,
                '/favicon.ico',
                '/robots.txt',
                `/V3/${PROJECT_ID}/keypairs/associate`,
                '//',
                '/.',
                '/..',
                '/v3/../v3/p/keypairs/associate',
                `/v3/${PROJECT_ID}/tasks/`,
                `/${'a/'.repeat(2000)}`,
                `/v3/${PROJECT_ID}/keypairs/associate;jsessionid=1`,
                '/%',
                '/%zz',
                '/%E0%A4%A',
                '/\\',
                '/v3/p/keypairs/associate%00',
              ),
              fc.tuple(fc.constantFrom('/v3/', `/v3/${PROJECT_ID}/`, `/v3/${PROJECT_ID}/keypairs/`, '/'), targetText(60)).map(([a, b]) => `${a}${b}`),
            ),
          )
          .map(([m, target]) => ({ method: m, target })),
      )
      .filter(({ method, target }) => cloudOf(target) === 'huawei' && !isKnownHuaweiApi(method, target)),
    ct: contentType,
    body: maybe(badBody),
    auth: huaweiAuth,
  })
  .map(({ target, ct, body, auth }): BadCase => ({
    cloud: 'huawei',
    kind: 'huawei/unknown-api',
    request: {
      method: target.method,
      target: target.target,
      headers: headersWith(ct, {}),
      ...(body !== undefined && !['GET', 'HEAD', 'TRACE'].includes(target.method) ? { body } : {}),
    },
    // Random targets may hold bad percent-escapes, which cannot be signed: those go unsigned.
    auth: signable(target.target) ? auth : { kind: 'none' },
    expect: [404],
  }));

/** The mock's routes (src/mock/huawei/route-huawei.ts), to keep "unknown API" cases honest. */
function isKnownHuaweiApi(method: string, target: string): boolean {
  const path = target.split('?')[0]!;
  if (method === 'POST' && /^\/v3\/[^/]+\/keypairs\/(associate|batch-associate|disassociate)\/?$/.test(path)) return true;
  return method === 'GET' && /^\/v3\/[^/]+\/tasks\/[^/]+\/?$/.test(path);
}

function signable(target: string): boolean {
  try {
    const url = new URL(`http://127.0.0.1${target}`);
    return !/%(?![0-9A-Fa-f]{2})/.test(url.pathname + url.search) && `${url.pathname}${url.search}` === target;
  } catch {
    return false;
  }
}

/** ListKeypairTask with garbage task ids, and a known route with garbage authentication. */
const huaweiTaskLookup = fc
  .record({
    id: fc.oneof(
      targetText(80).filter((s) => s !== '' && !s.includes('/') && !s.includes('?') && !s.includes('#')),
      fc.uuid(),
      fc.constantFrom('%', '%zz', '%00', 'x'.repeat(4000), '..', '%2F'),
    ),
    auth: huaweiAuth,
    extra: extraHeaders,
  })
  .map(({ id, auth, extra }): BadCase => {
    const target = `/v3/${PROJECT_ID}/tasks/${id}`;
    const ok = signable(target);
    const effective: HuaweiAuth = ok ? auth : { kind: 'none' };
    return {
      cloud: 'huawei',
      kind: 'huawei/task-lookup',
      request: { method: 'GET', target, headers: extra },
      auth: effective,
      expect: authenticated(effective) ? [400] : [401],
    };
  });

/** Methods the HTTP parser does not know, on Huawei paths: the parser refuses them, with a 400 in the gateway's shape. */
const huaweiUnknownMethod = fc
  .record({ method: fc.constantFrom('FOO', 'GETT', 'BREW', 'X', 'GET_', 'HTTP'), route: fc.constantFrom(...HUAWEI_ROUTES) })
  .map(({ method, route }): BadCase => ({
    cloud: 'huawei',
    kind: 'huawei/unknown-method',
    request: { method, target: route.path(PROJECT_ID), headers: {} },
    auth: { kind: 'none' },
    expect: [400],
  }));

export const huaweiBadCase: fc.Arbitrary<BadCase> = fc.oneof(
  { weight: 10, arbitrary: huaweiBadBody },
  { weight: 4, arbitrary: huaweiUnknownApi },
  { weight: 3, arbitrary: huaweiTaskLookup },
  { weight: 1, arbitrary: huaweiUnknownMethod },
);

// -------------------------------------------------------------------------------------- Volcengine

/** An InstanceIds index that is not 1…N: 0, negative, huge, not a number, empty. */
const absurdIndex = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '99999999999',
    '99999999999999999999999',
    '10001',
    '1e3',
    '0x10',
    '1.5',
    '',
    ' 1',
    'NaN',
    'Infinity',
    'one',
    '%31',
    '1.',
    '.1',
    '-0',
    '+1',
  ),
  fc.integer({ min: -2_000_000_000, max: 0 }).map(String),
  fc.integer({ min: 10_001, max: 2 ** 31 }).map(String),
  targetText(12).filter((s) => !/^[0-9]+$/.test(s) && !/[&#=%+]/.test(s)),
);
/** A value of InstanceIds.N: a fixture, unknown, empty, or junk. */
const instanceIdValue = fc.oneof(fc.constantFrom(...RUNNING_INSTANCES.slice(0, 5), 'i-unknown', ''), anyText(30), fc.constant('i'.repeat(2000)));
/** A ClientToken the documents forbid: over 64 characters, or not ASCII. */
const badClientToken = fc.oneof(
  printableAscii(65, 3000),
  anyText(64).filter((s) => /[^\x00-\x7f]/.test(s)),
  fc.constantFrom('ä', '令牌', '🔑'.repeat(20), 'x'.repeat(64) + 'é', 'tok\u2028en'),
);
const oddText = fc.oneof(anyText(40), fc.constantFrom('', 'x'.repeat(5000), '\u0000', '&', '=', '%', '+'));

const volcAuth: fc.Arbitrary<VolcAuth> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 5,
    arbitrary: fc
      .constantFrom('valid', 'valid', 'valid', 'valid', 'wrong-secret', 'unknown-ak', 'stale', 'tampered-query', 'other-service', 'odd-region')
      .map((variant) => ({ kind: 'sign' as const, variant })),
  },
  { weight: 2, arbitrary: fc.record({ authorization: garbageAuthorization, xDate: basicDate }).map((g) => ({ kind: 'garbage' as const, ...g })) },
);

const AUTH_STATUSES: Record<string, readonly number[]> = {
  none: [401],
  garbage: [400, 401, 403],
  'wrong-secret': [401],
  'unknown-ak': [401],
  // RULES.md ecs.auth.stale-date: 400 InvalidTimestamp; ecs.auth.bad-signature: a scope naming another
  // service or region than the endpoint's is a signature that does not match.
  stale: [400],
  'tampered-query': [401],
  'other-service': [401],
  'odd-region': [401],
};

/** Expected statuses for a Volcengine case: the gateway's when authentication fails, else `afterAuth`. */
function volcExpect(auth: VolcAuth, afterAuth: readonly number[] | undefined): readonly number[] | undefined {
  if (auth.kind === 'none') return AUTH_STATUSES.none;
  if (auth.kind === 'garbage') return AUTH_STATUSES.garbage;
  if (auth.variant === 'valid') return afterAuth;
  return AUTH_STATUSES[auth.variant];
}

/** Query pairs → `/?k=v&…`, percent-encoding both sides (so a signer can sign them). */
const enc = (pairs: readonly (readonly [string, string])[]) => `/?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
const FIXED: readonly [string, string][] = [
  ['Action', 'AttachKeyPair'],
  ['Version', '2020-04-01'],
];
const KEYPAIR: readonly [string, string] = ['KeyPairName', VOLC_KEYPAIR.name];

/** A `Version`/`Action` the gateway does not serve, or none. */
const volcUnknownAction = fc
  .record({
    action: fc.oneof(
      fc.constantFrom('AttachKeyPair', 'attachkeypair', 'DetachKeyPair', 'DescribeInstances', '', 'AttachKeyPair '),
      oddText,
      fc.constant(undefined),
    ),
    version: fc.oneof(fc.constantFrom('2020-04-01', '2020-04-02', '2099-01-01', 'latest', '', '2020-4-1'), oddText, fc.constant(undefined)),
    auth: volcAuth,
  })
  .filter(({ action, version }) => !(action === 'AttachKeyPair' && version === '2020-04-01'))
  .map(({ action, version, auth }): BadCase => {
    const pairs: [string, string][] = [];
    if (action !== undefined) pairs.push(['Action', action]);
    if (version !== undefined) pairs.push(['Version', version]);
    pairs.push(['InstanceIds.1', RUNNING_INSTANCES[0]!], [...KEYPAIR]);
    const missing = action === undefined || version === undefined;
    return {
      cloud: 'volcengine',
      kind: 'volcengine/unknown-action-or-version',
      request: { method: 'GET', target: enc(pairs), headers: {} },
      auth,
      expect: volcExpect(auth, missing ? [400, 404] : [404]),
    };
  });

/** InstanceIds.N with absurd indexes (and, sometimes, some good ones), duplicated or in huge numbers. */
const volcAbsurdIndexes = fc
  .record({
    bad: fc.array(fc.tuple(absurdIndex, instanceIdValue), { minLength: 1, maxLength: 20 }),
    good: fc.array(fc.constantFrom(...RUNNING_INSTANCES.slice(0, 3)), { maxLength: 3 }),
    keypair: fc.boolean(),
    auth: volcAuth,
  })
  .map(({ bad, good, keypair, auth }): BadCase => {
    const pairs: [string, string][] = [...FIXED];
    for (const [index, value] of bad) pairs.push([`InstanceIds.${index}`, value]);
    good.forEach((id, i) => pairs.push([`InstanceIds.${i + 1}`, id]));
    if (keypair) pairs.push([...KEYPAIR]);
    // With no usable index there are no instance ids: 400 MissingParameter.InstanceIds.
    const afterAuth = good.length === 0 ? [400] : keypair ? undefined : [400];
    return {
      cloud: 'volcengine',
      kind: 'volcengine/absurd-index',
      request: { method: 'GET', target: enc(pairs), headers: {} },
      auth,
      expect: volcExpect(auth, afterAuth),
    };
  });

/** Over 100 ids (up to 2,000, kept under the 64 KiB header limit), or one index repeated hundreds of times. */
const volcHugeCount = fc
  .record({ count: fc.integer({ min: 101, max: 2_000 }), repeat: fc.boolean(), auth: volcAuth })
  .map(({ count, repeat, auth }): BadCase => {
    const pairs: [string, string][] = [...FIXED];
    for (let i = 1; i <= count; i++) pairs.push([`InstanceIds.${repeat ? 1 : i}`, 'i']);
    pairs.push([...KEYPAIR]);
    return {
      cloud: 'volcengine',
      kind: 'volcengine/huge-count',
      request: { method: 'GET', target: enc(pairs), headers: {} },
      auth,
      expect: volcExpect(auth, [400]),
    };
  });

/** A ClientToken over 64 characters or with non-ASCII characters, on an otherwise valid request. */
const volcBadToken = fc
  .record({ token: badClientToken, auth: volcAuth, ids: fc.array(fc.constantFrom(...RUNNING_INSTANCES.slice(0, 5)), { minLength: 1, maxLength: 5 }) })
  .map(({ token, auth, ids }): BadCase => {
    const pairs: [string, string][] = [...FIXED, ...ids.map((id, i) => [`InstanceIds.${i + 1}`, id] as [string, string]), [...KEYPAIR], ['ClientToken', token]];
    return {
      cloud: 'volcengine',
      kind: 'volcengine/bad-client-token',
      request: { method: 'GET', target: enc(pairs), headers: {} },
      auth,
      expect: volcExpect(auth, [400]),
    };
  });

/** Odd key pair names and ids, odd or duplicated parameters, unknown parameters, and bodies nobody asked for. */
const volcOddParameters = fc
  .record({
    params: fc.array(
      fc.oneof(
        fc.tuple(fc.constantFrom('KeyPairName', 'KeyPairId', 'ClientToken', 'InstanceIds.1', 'InstanceIds', 'Action', 'Version'), oddText),
        fc.tuple(oddText, oddText),
        fc.tuple(fc.constant('KeyPairId'), fc.constantFrom(...FIXTURES.volcengineKeyPairs.map((k) => k.id), 'kp-unknown')),
      ),
      { maxLength: 12 },
    ),
    method: fc.constantFrom('GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
    body: maybe(badBody),
    ct: contentType,
    extra: extraHeaders,
    auth: volcAuth,
  })
  .map(({ params, method, body, ct, extra, auth }): BadCase => {
    const pairs: [string, string][] = [...FIXED, ['InstanceIds.1', RUNNING_INSTANCES[1]!], ...params];
    const withBody = body !== undefined && !['GET', 'HEAD'].includes(method);
    const methodKnown = method === 'GET' || method === 'POST';
    return {
      cloud: 'volcengine',
      kind: 'volcengine/odd-parameters',
      request: { method, target: enc(pairs), headers: headersWith(ct, extra), ...(withBody ? { body } : {}) },
      auth,
      // Duplicated Action/Version may replace the good ones; a wrong method is InvalidActionOrVersion.
      expect: volcExpect(auth, methodKnown ? undefined : [404]),
    };
  });

/** Raw, unsigned query garbage: bad escapes, bare `&`, names without values. Only the gateway's 401 fits. */
const volcRawQuery = fc
  .record({
    query: targetText(300),
    auth: fc.oneof(
      fc.constant<VolcAuth>({ kind: 'none' }),
      fc.record({ authorization: garbageAuthorization }).map((g): VolcAuth => ({ kind: 'garbage', ...g })),
    ),
  })
  .filter(({ query }) => !query.includes('#'))
  .map(({ query, auth }): BadCase => ({
    cloud: 'volcengine',
    kind: 'volcengine/raw-query',
    request: { method: 'GET', target: `/?${query}`, headers: {} },
    auth,
    expect: volcExpect(auth, undefined),
  }));

export const volcengineBadCase: fc.Arbitrary<BadCase> = fc.oneof(
  { weight: 3, arbitrary: volcUnknownAction },
  { weight: 4, arbitrary: volcAbsurdIndexes },
  { weight: 1, arbitrary: volcHugeCount },
  { weight: 3, arbitrary: volcBadToken },
  { weight: 4, arbitrary: volcOddParameters },
  { weight: 2, arbitrary: volcRawQuery },
);

// ---------------------------------------------------------------------------------- on the wire

/**
 * True when a case's own text could read like a stack trace once the mock echoes it (in a message, an
 * envelope's `Action`); such cases would make the trace check see the request, not a leak, so they are
 * not sent. Checked on the raw and on the percent-decoded text.
 */
export function echoesTraceText(c: BadCase): boolean {
  const body = c.request.body === undefined ? '' : typeof c.request.body === 'string' ? c.request.body : Buffer.from(c.request.body).toString('utf8');
  const auth = 'authorization' in c.auth ? c.auth.authorization : 'token' in c.auth ? c.auth.token : '';
  const texts = [c.request.target, decodeLoosely(c.request.target), body, auth, ...Object.entries(c.request.headers).flat()];
  return texts.some((t) => traceIn(t) !== undefined);
}

function decodeLoosely(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

const HOUR = 60 * 60 * 1000;

/** Signs (or not, or badly) a case for the mock on `port`, now. */
export function toWire(c: BadCase, port: number): WireRequest {
  const chunked = c.chunked === true && c.request.body !== undefined;
  const withChunked = (w: WireRequest): WireRequest => (chunked ? { ...w, chunked } : w);
  const auth = c.auth;
  const plain: WireRequest = {
    method: c.request.method,
    target: c.request.target,
    headers: { ...c.request.headers },
    ...(c.request.body !== undefined ? { body: c.request.body } : {}),
  };
  switch (auth.kind) {
    case 'none':
      return withChunked(plain);
    case 'token':
      return withChunked({ ...plain, headers: { ...plain.headers, 'X-Auth-Token': auth.token } });
    case 'garbage': {
      const headers: Record<string, string> = { ...plain.headers, Authorization: auth.authorization };
      const date = 'sdkDate' in auth ? auth.sdkDate : 'xDate' in auth ? auth.xDate : undefined;
      if (date !== undefined) headers[c.cloud === 'huawei' ? 'X-Sdk-Date' : 'X-Date'] = date;
      return withChunked({ ...plain, headers });
    }
    case 'aksk': {
      const opts = {
        valid: {},
        'wrong-secret': { secretKey: 'not-the-secret' },
        'unknown-ak': { accessKey: 'UNKNOWNACCESSKEY0000' },
        stale: { date: new Date(Date.now() - 2 * HOUR) },
        'tampered-body': {},
      }[auth.variant];
      const signed = signHuawei(c.request, port, opts);
      if (auth.variant !== 'tampered-body') return withChunked(signed);
      return withChunked({ ...signed, body: `${c.request.body === undefined ? '' : Buffer.from(c.request.body).toString('latin1')} ` });
    }
    case 'sign': {
      const opts = {
        valid: {},
        'wrong-secret': { secretKey: 'not-the-secret' },
        'unknown-ak': { accessKey: 'AKLTunknownaccesskey0000' },
        stale: { date: new Date(Date.now() - 2 * HOUR) },
        'tampered-query': {},
        'other-service': { service: 'iam' },
        'odd-region': { region: 'ap-southeast-99' },
      }[auth.variant];
      const signed = signVolcengine(c.request, port, opts);
      if (auth.variant !== 'tampered-query') return withChunked(signed);
      return withChunked({ ...signed, target: `${signed.target}&InstanceIds.77=i-added-after-signing` });
    }
  }
}
