import type { SdkOutcome } from '../../../sdk/sdk-adapter.ts';

/** The operations a client under test can offer, by their API names (the harness protocol's words). */
export type ClientOperation = 'AssociateKeypair' | 'BatchAssociateKeypair' | 'AttachKeyPair';
export const CLIENT_OPERATIONS: readonly ClientOperation[] = ['AssociateKeypair', 'BatchAssociateKeypair', 'AttachKeyPair'];

/** Which credentials a call uses: the target's, or a documented way of getting them wrong. */
export type CredentialChoice = 'default' | 'wrong-secret' | 'unknown-access-key';

/** One credential set, by value (for an in-process adapter) and by variable name (for a harness). */
export interface ClientCredential {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly securityToken?: string;
  readonly accessKeyVar: string;
  readonly secretKeyVar: string;
  readonly securityTokenVar?: string;
}

/** Everything a client needs for one call (docs/harness-protocol.md, "A case"). */
export interface ClientCall {
  readonly operation: ClientOperation;
  /** The typed request: a Huawei JSON body, or a Volcengine logical request. */
  readonly request: unknown;
  readonly endpoint: string;
  readonly region: string;
  readonly projectId?: string;
  readonly credential: ClientCredential;
  /** How long the client should wait for one HTTP answer. */
  readonly timeoutMs: number;
}

/**
 * An SDK, CLI or tool under test: an in-process adapter or a harness program. It is handed calls one at
 * a time and answers with what the client handed back to its caller.
 */
export interface ClientUnderTest {
  readonly name: string;
  readonly operations: ReadonlySet<ClientOperation>;
  call(call: ClientCall): Promise<SdkOutcome>;
  /** What the client wrote to its own output streams since the last call (raw: redact before writing it). */
  takeOutput(): string;
  close(): Promise<void>;
}

/** The client under test a run names: an in-process adapter module, or a harness command. */
export interface ClientChoice {
  readonly adapterFile?: string;
  readonly harness?: string;
  readonly caseTimeoutMs: number;
}

/**
 * The client under test cannot be driven (missing, not an adapter, a harness that exits, hangs or breaks
 * the protocol): no verdict about it can be reached, so the run stops with this one line and exit 2.
 */
export class ClientBroken extends Error {
  override readonly name = 'ClientBroken';
}
