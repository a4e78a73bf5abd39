/**
 * Signed-header lists the official SDKs produce, for `signedHeaders`. A list signs those of its names the
 * request carries (the date header always), which is how the SDKs behave: the Node SDKs sign no
 * content-type on a GET that has none.
 */
export const SIGNED_HEADER_PRESETS = {
  /** @huaweicloud/huaweicloud-sdk-core on a typical call (it signs every header it holds). */
  huaweiNodeSdk: ['content-type', 'host', 'x-project-id', 'x-sdk-date'],
  /** @volcengine/openapi: never content-type, host or user-agent; x-content-sha256 only with a body. */
  volcengineNodeSdk: ['x-content-sha256', 'x-date', 'x-security-token'],
  /** volc-sdk-golang / volcengine-go-sdk. */
  volcengineGoSdk: ['content-type', 'host', 'x-content-sha256', 'x-date'],
} as const satisfies Record<string, readonly string[]>;
