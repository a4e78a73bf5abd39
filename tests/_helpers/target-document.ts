/**
 * A target file document (docs/DESIGN.md; src/engine/target/target-file.schema.json) as JSON, for a test
 * to change before it is written: every member the format allows, with both clouds and the safety limits
 * present, as they are in the mock's own target file (`mockTargetFile`), which is one of these.
 */
export type TargetDocument = {
  $schema?: string;
  name: string;
  huaweicloud: {
    endpoint: string;
    region?: string;
    projectId: string;
    auth: { akEnv?: string; skEnv?: string; securityTokenEnv?: string; tokenEnv?: string };
    taskTimeoutMs?: number;
    taskPoll?: { firstMs?: number; maxIntervalMs?: number };
    caFile?: string;
    fixtures: {
      keypairs?: readonly string[];
      servers?: { running?: readonly string[]; bound?: readonly string[]; stopped?: readonly string[] };
      originalKeypairs?: Record<string, string>;
    };
  };
  volcengine: {
    endpoint: string;
    region: string;
    auth: { akEnv: string; skEnv: string; securityTokenEnv?: string };
    caFile?: string;
    fixtures: {
      keyPairs?: readonly { readonly name: string; readonly id: string }[];
      instances?: Partial<Record<'running' | 'stopped' | 'windows' | 'noAgent' | 'transitional', readonly string[]>>;
      originalKeyPairs?: Record<string, string>;
    };
  };
  safety: { allowMutations?: boolean; maxRequests?: number; requestsPerSecond?: number; requestTimeoutMs?: number };
};
