/** A bind's server as a case's body holds it: each member may be missing or of another type (a mutation). */
export interface KpsServerJson {
  readonly id?: unknown;
  readonly auth?: unknown;
  readonly port?: unknown;
  readonly disable_password?: unknown;
}

/** An AssociateKeypair body, or one entry of a batch, as a case holds it. */
export interface KpsEntryJson {
  readonly keypair_name?: unknown;
  readonly server?: KpsServerJson | null;
}

/**
 * A Huawei bind's body as a case holds it (`Case.request.body`): the spec's AssociateKeypair or
 * BatchAssociateKeypair request, or a mutation of it that may have made it an array, a string or null.
 * Read through `?.`, which every shape survives, and test a member's type before relying on it.
 */
export interface KpsRequestJson extends KpsEntryJson {
  readonly batch_keypairs?: unknown;
}
