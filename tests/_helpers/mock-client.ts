import { DEFAULT_CREDENTIALS, defaultFixtures } from '../../src/mock/index.ts';
import { huaweiSdkHmacSha256, volcengineHmacSha256 } from '../../src/signing/index.ts';

/**
 * A JSON body as a test reads it: whatever the mock sent, each member read by the assertion that checks it
 * (a test that needs the body's shape checks it with the spec's validators). Callbacks over its arrays
 * take the generated types (generated/*.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the mock under test, of any shape; the assertions are its check
export type AnswerJson = any;

/** A parsed answer: status, headers and the JSON body (or the raw text when it is not JSON). */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: AnswerJson;
  readonly text: string;
}

const fixtures = defaultFixtures();
export const PROJECT = fixtures.projectId;
const servers = (state: 'running' | 'stopped', bound: boolean) =>
  fixtures.huaweiServers.filter((s) => s.state === state && (s.keypair !== undefined) === bound).map((s) => s.id);
/** Fixture ids of the default mock, by the names RULES.md uses. */
export const FIX = {
  keypairs: fixtures.huaweiKeypairs,
  running: servers('running', false),
  bound: servers('running', true),
  stopped: servers('stopped', false),
  keyPairs: fixtures.volcengineKeyPairs,
  instances: (kind: string) => fixtures.volcengineInstances.filter((i) => i.kind === kind).map((i) => i.id),
};

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

export interface HuaweiCallOptions {
  readonly auth?: 'aksk' | 'token' | 'none';
  readonly secretKey?: string;
  readonly accessKey?: string;
  readonly date?: Date;
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

/** Calls the mock's Huawei side, AK/SK-signed by default, with `body` as JSON. */
export async function huawei(baseUrl: string, method: string, path: string, body?: unknown, o: HuaweiCallOptions = {}): Promise<Answer> {
  const text = o.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const headers = { 'content-type': 'application/json', ...o.headers };
  const url = baseUrl + path.replace('{project}', PROJECT);
  if (o.auth === 'none') return answer(await fetch(url, { method, headers, body: text }));
  if (o.auth === 'token')
    return answer(await fetch(url, { method, headers: { ...headers, 'X-Auth-Token': DEFAULT_CREDENTIALS.huawei.tokens[0]! }, body: text }));
  const signed = huaweiSdkHmacSha256(
    { method, url, headers, body: text },
    {
      accessKey: o.accessKey ?? DEFAULT_CREDENTIALS.huawei.accessKey,
      secretKey: o.secretKey ?? DEFAULT_CREDENTIALS.huawei.secretKey,
      projectId: PROJECT,
      date: o.date,
    },
  );
  return answer(await fetch(signed.url, { method, headers: signed.headers, body: signed.body }));
}

export interface VolcCallOptions {
  readonly unsigned?: boolean;
  readonly secretKey?: string;
  readonly accessKey?: string;
  readonly date?: Date;
  readonly region?: string;
}

/** Calls the mock's Volcengine side with a raw query string, HMAC-SHA256-signed by default. */
export async function volcengine(baseUrl: string, query: string, o: VolcCallOptions = {}): Promise<Answer> {
  const url = `${baseUrl}/?${query}`;
  if (o.unsigned) return answer(await fetch(url));
  const signed = volcengineHmacSha256(
    { method: 'GET', url },
    {
      accessKey: o.accessKey ?? DEFAULT_CREDENTIALS.volcengine.accessKey,
      secretKey: o.secretKey ?? DEFAULT_CREDENTIALS.volcengine.secretKey,
      region: o.region ?? 'cn-beijing',
      service: 'ecs',
      date: o.date,
    },
  );
  return answer(await fetch(signed.url, { headers: signed.headers }));
}

/** `Action=AttachKeyPair&Version=2020-04-01` plus the given members, InstanceIds flattened. */
export function attachQuery(request: { ids?: string[]; name?: string; id?: string; token?: string; extra?: string }): string {
  const p = new URLSearchParams({ Action: 'AttachKeyPair', Version: '2020-04-01' });
  request.ids?.forEach((id, i) => p.append(`InstanceIds.${i + 1}`, id));
  if (request.name !== undefined) p.append('KeyPairName', request.name);
  if (request.id !== undefined) p.append('KeyPairId', request.id);
  if (request.token !== undefined) p.append('ClientToken', request.token);
  return p.toString().replace(/\+/g, '%20') + (request.extra ? `&${request.extra}` : '');
}
