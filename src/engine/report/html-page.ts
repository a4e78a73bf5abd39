// What the report pages (summary.html, fidelity.html) share: escaping and the operations' headings.

/** Escapes text for HTML content and attribute values. */
export const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Each operation's heading, in the order the pages list them. */
export const OPERATION_HEADINGS: Readonly<Record<string, string>> = {
  kps: 'Huawei KPS gateway',
  'kps.associate': 'AssociateKeypair',
  'kps.batch-associate': 'BatchAssociateKeypair',
  'kps.task': 'ListKeypairTask (supporting)',
  ecs: 'Volcengine gateway',
  'ecs.attach-key-pair': 'AttachKeyPair',
  client: 'Clients (decided by conformance sdk)',
};
