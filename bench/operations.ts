import { DEFAULT_CREDENTIALS, defaultFixtures } from '../src/mock/index.ts';
import { huaweiSdkHmacSha256, volcengineHmacSha256, type SignedRequest } from '../src/signing/index.ts';

/** One request, signed once, sent unchanged for a whole measurement. */
export interface SignedShape {
  readonly method: string;
  /** Path and query exactly as signed. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
}

export type Cloud = 'huawei' | 'volcengine';

export interface Operation {
  readonly name: string;
  readonly cloud: Cloud;
  /** Signs the request for a target at `baseUrl` (the Host header is signed, so each target gets its own). */
  sign(baseUrl: string, date: Date): SignedShape;
}

const fixtures = defaultFixtures();
const creds = DEFAULT_CREDENTIALS;
const projectId = fixtures.projectId;
const running = fixtures.huaweiServers.filter((s) => s.state === 'running' && s.keypair === undefined).map((s) => s.id);
const huaweiKey = { accessKey: creds.huawei.accessKey, secretKey: creds.huawei.secretKey, projectId };
const volcKey = { accessKey: creds.volcengine.accessKey, secretKey: creds.volcengine.secretKey, region: 'cn-beijing', service: 'ecs' };

function shape(signed: SignedRequest): SignedShape {
  const url = new URL(signed.url);
  return { method: signed.method, path: url.pathname + url.search, headers: signed.headers, body: signed.body && Buffer.from(signed.body) };
}

function huaweiPost(baseUrl: string, date: Date, op: string, body: unknown): SignedShape {
  const request = {
    method: 'POST',
    url: `${baseUrl}/v3/${projectId}/keypairs/${op}`,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
  return shape(huaweiSdkHmacSha256(request, { ...huaweiKey, date }));
}

/**
 * The three binds, in the order they are measured. BatchAssociateKeypair binds 10 running servers: SUCCESS
 * until the first tasks end, then each entry is FAILED "already bound" (a documented per-entry failure;
 * still 202). AttachKeyPair has no ClientToken. AssociateKeypair resets one running server's key pair: a
 * new task and SUCCESS every time. It goes last because the mock keeps every task it starts, and a mock
 * holding ~100k tasks gets slower (docs/benchmarks.md); last, that cannot slow the other two.
 */
export const OPERATIONS: readonly Operation[] = [
  {
    name: 'BatchAssociateKeypair×10',
    cloud: 'huawei',
    sign: (base, date) =>
      huaweiPost(base, date, 'batch-associate', {
        batch_keypairs: running.slice(10, 20).map((id) => ({ keypair_name: 'kp-gamma', server: { id } })),
      }),
  },
  {
    name: 'AttachKeyPair×3',
    cloud: 'volcengine',
    sign: (base, date) => {
      const ids = ['i-running-000', 'i-running-001', 'i-stopped-000'].map((id, i) => `&InstanceIds.${i + 1}=${id}`).join('');
      const url = `${base}/?Action=AttachKeyPair&Version=2020-04-01&KeyPairName=ssh_key_pair${ids}`;
      return shape(volcengineHmacSha256({ method: 'GET', url }, { ...volcKey, date }));
    },
  },
  {
    name: 'AssociateKeypair',
    cloud: 'huawei',
    sign: (base, date) => huaweiPost(base, date, 'associate', { keypair_name: 'kp-beta', server: { id: running[0] } }),
  },
];
