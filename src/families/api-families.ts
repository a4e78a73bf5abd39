import { huaweiSdkHmacSha256 } from '../signing/huawei-sdk-hmac-sha256.ts';
import { verifyHuaweiSignature } from '../signing/verify-huawei-signature.ts';
import { verifyVolcengineSignature } from '../signing/verify-volcengine-signature.ts';
import { volcengineHmacSha256 } from '../signing/volcengine-hmac-sha256.ts';
import type { SpecName } from '../spec/spec-files.ts';

// The API families this suite checks, and what both the suite and the mock need to know of each. This is
// the one list of clouds: everything else takes a `Cloud` and looks its facts up here (or in the engine's
// and the mock's registries, `engine/run/cloud-registry.ts` and `mock/mock-families.ts`, which add each
// family's plan, checks and handlers). Adding a family here makes the compiler list what it still needs.

/** What is fixed about one API family. */
export interface ApiFamily {
  /** The product and API, for people. */
  readonly title: string;
  /** Its hand-written spec (specs/). */
  readonly spec: SpecName;
  /** The first segment of its rule ids and rule operations (docs/RULES.md): `kps`, `kps.associate`… */
  readonly ruleScope: string;
  /** The operations a case may exercise (`engine/cases/case.ts`), each `<ruleScope>.<operation>`. */
  readonly operations: readonly string[];
  /** The checked operations a client under test can offer, by the SDKs' names. */
  readonly clientOperations: readonly string[];
  /**
   * How a request names its operation: `rest-json`, a path and a JSON body (the body is what a client is
   * handed); `rpc-query`, `Action`/`Version` in the query (the decoded logical request is).
   */
  readonly wireStyle: 'rest-json' | 'rpc-query';
  /** True when a request-target (path and query, as it arrives) is for this family. */
  claims(requestTarget: string): boolean;
  /** The service a signature's credential scope names, where the algorithm has one (Volcengine's `ecs`). */
  readonly signingService?: string;
  /** The request signer the SDKs use, over the exact bytes sent, and its verifier. */
  readonly signer: typeof huaweiSdkHmacSha256 | typeof volcengineHmacSha256;
  readonly verifier: typeof verifyHuaweiSignature | typeof verifyVolcengineSignature;
}

export const API_FAMILIES = {
  huaweicloud: {
    title: 'Huawei Cloud KPS',
    spec: 'huaweicloud-kps',
    ruleScope: 'kps',
    operations: ['kps.associate', 'kps.batch-associate', 'kps.task', 'kps.disassociate'],
    clientOperations: ['AssociateKeypair', 'BatchAssociateKeypair'],
    wireStyle: 'rest-json',
    // KPS paths are /v3/{project_id}/…
    claims: (requestTarget: string) => requestTarget.startsWith('/v3/'),
    signer: huaweiSdkHmacSha256,
    verifier: verifyHuaweiSignature,
  },
  volcengine: {
    title: 'Volcengine ECS',
    spec: 'volcengine-ecs',
    ruleScope: 'ecs',
    operations: ['ecs.attach-key-pair'],
    clientOperations: ['AttachKeyPair'],
    wireStyle: 'rpc-query',
    // The RPC style is a query on /.
    claims: (requestTarget: string) => /[?&]Action=/.test(requestTarget) || requestTarget === '/' || requestTarget === '' || requestTarget.startsWith('/?'),
    signingService: 'ecs',
    signer: volcengineHmacSha256,
    verifier: verifyVolcengineSignature,
  },
} as const satisfies Record<string, ApiFamily>;

/** A cloud's name, as target files, reports and `--only` spell it. */
export type Cloud = keyof typeof API_FAMILIES;

/** An operation a case may exercise, of any family. */
export type FamilyOperation = (typeof API_FAMILIES)[Cloud]['operations'][number];

/** Every cloud, in the order reports list them. */
export const CLOUDS = Object.keys(API_FAMILIES) as readonly Cloud[];

export function isCloud(name: string): name is Cloud {
  return Object.hasOwn(API_FAMILIES, name);
}

/** The cloud whose rule scope a rule id or rule operation is in (`kps.associate.x` → huaweicloud); none for `client`. */
export function cloudOfRuleScope(ruleIdOrOperation: string): Cloud | undefined {
  const scope = ruleIdOrOperation.split('.')[0];
  return CLOUDS.find((c) => API_FAMILIES[c].ruleScope === scope);
}

/** The cloud an operation belongs to. */
export function cloudOfOperation(operation: FamilyOperation): Cloud {
  return CLOUDS.find((c) => (API_FAMILIES[c].operations as readonly string[]).includes(operation))!;
}

/** The cloud a request-target is for, or undefined when no family claims it. */
export function cloudOfRequestTarget(requestTarget: string): Cloud | undefined {
  return CLOUDS.find((c) => API_FAMILIES[c].claims(requestTarget));
}

/**
 * The family whose shape a request no family claims is answered in (an unknown path): the KPS API
 * gateway answers every path it does not route, so the mock and the client wire answer as it does.
 */
export const UNCLAIMED_CLOUD: Cloud = 'huaweicloud';

/** "huaweicloud or volcengine", for messages that list the clouds. */
export const CLOUD_LIST = CLOUDS.join(' or ');
