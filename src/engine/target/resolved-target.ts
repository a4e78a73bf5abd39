import type { Cloud } from '../../families/api-families.ts';

/** Huawei credentials as read from the environment: AK/SK (optionally temporary) or an IAM token. */
export type HuaweiCredentials =
  | { readonly kind: 'aksk'; readonly accessKey: string; readonly secretKey: string; readonly securityToken?: string }
  | { readonly kind: 'token'; readonly token: string };

export interface HuaweiTarget {
  readonly endpoint: string;
  readonly region: string;
  readonly projectId: string;
  readonly credentials: HuaweiCredentials;
  readonly taskTimeoutMs: number;
  /** ListKeypairTask polling: the first wait, then doubling up to the largest interval. */
  readonly taskPoll: { readonly firstMs: number; readonly maxIntervalMs: number };
  readonly caFile?: string;
  readonly fixtures: {
    readonly keypairs: readonly string[];
    readonly servers: { readonly running: readonly string[]; readonly bound: readonly string[]; readonly stopped: readonly string[] };
    /** Server id → key pair bound before the run (for restoring it). */
    readonly originalKeypairs: Readonly<Record<string, string>>;
  };
}

export interface VolcengineTarget {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKey: string; readonly secretKey: string; readonly securityToken?: string };
  readonly caFile?: string;
  readonly fixtures: {
    readonly keyPairs: readonly { readonly name: string; readonly id: string }[];
    readonly instances: Readonly<Record<'running' | 'stopped' | 'windows' | 'noAgent' | 'transitional', readonly string[]>>;
    /** Instance id → name of the key pair it had before the run (for restoring it). */
    readonly originalKeyPairs: Readonly<Record<string, string>>;
  };
}

export interface Safety {
  readonly allowMutations: boolean;
  readonly maxRequests: number;
  readonly requestsPerSecond: number;
  readonly requestTimeoutMs: number;
}

/** Each cloud's part of a target file, by the cloud's name (a cloud missing here is a compile error). */
export interface CloudTargets {
  readonly huaweicloud: HuaweiTarget;
  readonly volcengine: VolcengineTarget;
}

/** A target file after validation, with credentials read from the environment it names. */
export type ResolvedTarget = { readonly [C in Cloud]?: CloudTargets[C] } & ResolvedTargetCommon;

interface ResolvedTargetCommon {
  readonly name: string;
  readonly file: string;
  /** The document as written, before resolving: credentials appear in it only as variable names (for cassettes). */
  readonly document: Readonly<Record<string, unknown>>;
  readonly safety: Safety;
  /** Every credential value, for redaction: none of them may appear in any output. */
  readonly secrets: readonly string[];
}
