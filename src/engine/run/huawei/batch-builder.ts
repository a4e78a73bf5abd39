import type { Case, ServerKnowledge } from '../../cases/case.ts';
import type { AssociateKeypairBody, ServerSlot } from '../../cases/huawei/kps-arbitraries.ts';
import type { ServerPool } from './server-pool.ts';

/** Fresh servers a single batch may use: predictions consume them, and the pool is finite. */
const MAX_FRESH_PER_BATCH = 2;

/** Leases the fresh servers one batch may use (MAX_FRESH_PER_BATCH), before the batch is built. */
export const freshForBatch = (pool: ServerPool): Promise<string[]> => pool.acquire(MAX_FRESH_PER_BATCH);

/**
 * Resolves a batch shape to distinct servers the suite knows: fresh ones (each predicted SUCCESS) from
 * `fresh`, leased for it (freshForBatch), the target's bound and stopped ones (predicted FAILED). A slot
 * with no server left is dropped; the fresh servers no slot took are given back.
 */
export function buildBatch(
  pool: ServerPool,
  fresh: readonly string[],
  keypair: string,
  entries: { slot: ServerSlot; body: AssociateKeypairBody }[],
  id: string,
  title: string,
): Case {
  const reserved = [...fresh];
  const used = new Set<string>();
  const pick = (list: readonly string[]) => list.find((s) => !used.has(s));
  const resolved: { server: string; knowledge: ServerKnowledge; body: AssociateKeypairBody }[] = [];
  for (const entry of entries) {
    let server: string | undefined;
    let knowledge: ServerKnowledge = entry.slot;
    if (entry.slot === 'fresh') {
      server = reserved.shift();
      if (server) pool.once(server);
    }
    if (!server && entry.slot !== 'stopped') [server, knowledge] = [pick(pool.bound), 'bound'];
    if (!server) [server, knowledge] = [pick(pool.stopped), 'stopped'];
    if (!server) continue;
    used.add(server);
    resolved.push({ server, knowledge, body: { ...entry.body, keypair_name: keypair, server: { ...entry.body.server, id: server } } });
  }
  for (const unused of reserved) pool.giveBack(unused);
  const servers = resolved.map((r) => r.knowledge);
  return {
    id,
    title,
    source: 'property',
    operation: 'kps.batch-associate',
    request: { body: { batch_keypairs: resolved.map((r) => r.body) } },
    expect: { kind: servers.length > 0 && servers.every((s) => s === 'fresh') ? 'accept' : 'any', rules: [], servers },
  };
}
