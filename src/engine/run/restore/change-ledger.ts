import type { components as Kps } from '../../../../generated/huaweicloud-kps.ts';
import type { components as Ecs } from '../../../../generated/volcengine-ecs.ts';
import type { Case } from '../../cases/case.ts';
import type { KpsRequestJson } from '../../cases/huawei/kps-request-json.ts';
import { bodyObject, isSuccess } from '../../transport/answer.ts';
import type { ResolvedTarget } from '../../target/resolved-target.ts';
import type { Exchange } from '../../transport/exchange.ts';

/**
 * What a run changed on the target, learnt from its own exchanges: the fixture servers a bind was
 * accepted for (with the bind tasks to wait for), and the fixture instances an attach succeeded on.
 */
export class ChangeLedger {
  readonly servers = new Map<string, string[]>();
  readonly instances = new Set<string>();
  private readonly knownServers: Set<string>;
  private readonly knownInstances: Set<string>;

  constructor(target: ResolvedTarget) {
    const s = target.huaweicloud?.fixtures.servers;
    this.knownServers = new Set(s ? [...s.running, ...s.bound, ...s.stopped] : []);
    this.knownInstances = new Set(Object.values(target.volcengine?.fixtures.instances ?? {}).flat());
  }

  observe(c: Case, x: Exchange): void {
    if (!isSuccess(x.response)) return;
    // The documented success bodies of the three binds, as the target sent them.
    const body = bodyObject<
      Kps['schemas']['AssociateKeypairResponseBody'] & Kps['schemas']['BatchAssociateKeypairResponseBody'] & Ecs['schemas']['AttachKeyPairSuccess']
    >(x.response);
    if (c.operation === 'kps.associate' && body?.status !== 'FAILED')
      this.server((c.request.body as KpsRequestJson | null | undefined)?.server?.id, body?.task_id);
    if (c.operation === 'kps.batch-associate' && Array.isArray(body?.tasks)) {
      for (const t of body.tasks) if (t?.status === 'SUCCESS') this.server(t.server_id, t.task_id);
    }
    if (c.operation === 'ecs.attach-key-pair' && Array.isArray(body?.Result?.OperationDetails)) {
      for (const d of body.Result.OperationDetails) if (d?.Error === null && this.knownInstances.has(d.InstanceId)) this.instances.add(d.InstanceId);
    }
  }

  /** A server the run put back itself (a lease returned mid-run): nothing is left to restore. */
  forget(server: string): void {
    this.servers.delete(server);
  }

  private server(id: unknown, taskId: unknown): void {
    if (typeof id !== 'string' || !this.knownServers.has(id)) return;
    const tasks = this.servers.get(id) ?? [];
    if (typeof taskId === 'string' && taskId !== '') tasks.push(taskId);
    this.servers.set(id, tasks);
  }
}
