import type { MockContext } from '../mock-context.ts';

/** Port 1–65535 (kps.associate.port-range, should): an absent port is fine. */
export function portInRange(ctx: MockContext, server: Record<string, unknown> | undefined): boolean {
  if (ctx.broken('kps.associate.port-range')) return true;
  const port = server?.port;
  return port === undefined || typeof port !== 'number' || (port >= 1 && port <= 65535);
}

/** A server that some other server id stands for, to break `server_id` echoing on purpose. */
export function otherServerId(ctx: MockContext, id: string): string {
  for (const candidate of ctx.huawei.servers.keys()) if (candidate !== id) return candidate;
  return `${id}-other`;
}
