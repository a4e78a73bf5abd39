import type { components as Kps } from '../../generated/huaweicloud-kps.ts';
import type { components as Ecs } from '../../generated/volcengine-ecs.ts';

/** What an SDK call came to, normalised: the data it returned, or the error it surfaced. */
export type SdkOutcome<T = unknown> =
  | { readonly ok: true; readonly data: T; readonly status?: number; readonly requestId?: string }
  | { readonly ok: false; readonly status?: number; readonly code?: string; readonly message?: string; readonly requestId?: string };

/** Where and as whom an adapter's SDK calls Huawei KPS (the endpoint is the suite's loopback wire). */
export interface HuaweiSdkEnv {
  readonly endpoint: string;
  readonly projectId: string;
  readonly region: string;
  readonly accessKey: string;
  readonly secretKey: string;
}

/** Where and as whom an adapter's SDK calls Volcengine ECS. */
export interface VolcengineSdkEnv {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKey: string;
  readonly secretKey: string;
}

/**
 * An SDK under test, as a module exporting one function per operation it supports: each takes the
 * typed request of the spec (generated types) and calls the SDK, returning the normalised outcome.
 * Template and shipped examples: src/sdk/adapters/; guide: docs/sdk.md.
 */
export interface SdkAdapter {
  readonly name: string;
  associateKeypair?(request: Kps['schemas']['AssociateKeypairRequestBody'], env: HuaweiSdkEnv): Promise<SdkOutcome>;
  batchAssociateKeypair?(request: Kps['schemas']['BatchAssociateKeypairRequestBody'], env: HuaweiSdkEnv): Promise<SdkOutcome>;
  attachKeyPair?(request: Ecs['schemas']['AttachKeyPairRequest'], env: VolcengineSdkEnv): Promise<SdkOutcome>;
}
