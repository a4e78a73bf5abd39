// The package's public API (`import … from 'keypair-conformance'`): what an SDK team needs to write an
// adapter (docs/sdk.md) and check it against the reference mock. The suite itself is the CLI
// (`npx conformance`); nothing else here is a stable interface.
import type { components as Kps } from '../generated/huaweicloud-kps.ts';
import type { components as Ecs } from '../generated/volcengine-ecs.ts';

/** The adapter interface (`npx conformance sdk --adapter FILE`: FILE's default export implements it). */
export type { SdkAdapter, SdkOutcome, HuaweiSdkEnv, VolcengineSdkEnv } from './sdk/sdk-adapter.ts';

/** The requests an adapter is handed, as the specs type them. */
export type AssociateKeypairRequest = Kps['schemas']['AssociateKeypairRequestBody'];
export type BatchAssociateKeypairRequest = Kps['schemas']['BatchAssociateKeypairRequestBody'];
export type AttachKeyPairRequest = Ecs['schemas']['AttachKeyPairRequest'];
/** Every schema of each spec (generated from specs/ with openapi-typescript). */
export type HuaweiKpsSchemas = Kps['schemas'];
export type VolcengineEcsSchemas = Ecs['schemas'];

/** Both clouds' request signers, over the exact bytes sent, and their verifiers. */
export {
  huaweiSdkHmacSha256,
  volcengineHmacSha256,
  verifyHuaweiSignature,
  verifyVolcengineSignature,
  SIGNED_HEADER_PRESETS,
  type HuaweiSigningOptions,
  type VolcengineSigningOptions,
  type HuaweiVerification,
  type VolcengineVerification,
  type HeaderInput,
  type RequestToSign,
  type SignedRequest,
  type ReceivedRequest,
  type VerifyOptions,
  type VerificationFailure,
  type VerificationFailureReason,
} from './signing/index.ts';

/** The reference mock, in process (what `npx conformance mock` starts). */
export { startMock, DEFAULT_CREDENTIALS, type RunningMock, type MockOptions, type MockOptionsInput, type MockCredentials } from './mock/index.ts';
