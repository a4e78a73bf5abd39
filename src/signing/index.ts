export { huaweiSdkHmacSha256, type HuaweiSigningOptions } from './huawei-sdk-hmac-sha256.ts';
export { verifyHuaweiSignature, type HuaweiVerification } from './verify-huawei-signature.ts';
export { volcengineHmacSha256, type VolcengineSigningOptions } from './volcengine-hmac-sha256.ts';
export { verifyVolcengineSignature, type VolcengineVerification } from './verify-volcengine-signature.ts';
export { SIGNED_HEADER_PRESETS } from './signed-header-presets.ts';
export type { HeaderInput, ReceivedRequest, RequestToSign, SignedRequest, VerificationFailure, VerificationFailureReason, VerifyOptions } from './types.ts';
