import { test, expect } from '@playwright/test';
import type { components as Kps } from '../../../generated/huaweicloud-kps.ts';
import type { components as Ecs } from '../../../generated/volcengine-ecs.ts';
import type { Case } from '../../../src/engine/cases/case.ts';
import type { Cloud } from '../../../src/families/api-families.ts';
import { runCloud, rulesOf } from '../../../src/engine/run/run-cloud.ts';
import type { Exchange } from '../../../src/engine/transport/exchange.ts';
import { startMock } from '../../../src/mock/index.ts';
import { resolveTarget, targetDocument } from '../trust/_helpers/target-files.ts';

// safety.allowMutations: false (issue 11): the run sends only requests the documents say are refused,
// so no bind reaches the target; rules that need a bind are skipped saying why, and the rest are decided.

/** True when an answer shows a bind was carried out: a task started, a SUCCESS entry, an instance attached. */
function bound(c: Case, x: Exchange): boolean {
  const status = x.response?.status ?? 0;
  if (status < 200 || status >= 300) return false;
  // A 2xx body of the operation's documented success (members possibly missing: each is tested before use).
  const json = x.response!.json;
  if (c.operation === 'kps.associate') return (json as Kps['schemas']['AssociateKeypairResponseBody'] | null | undefined)?.status !== 'FAILED';
  if (c.operation === 'kps.batch-associate') {
    return ((json as Kps['schemas']['BatchAssociateKeypairResponseBody'] | null | undefined)?.tasks ?? []).some((t) => t?.status === 'SUCCESS');
  }
  if (c.operation === 'ecs.attach-key-pair') {
    return ((json as Partial<Ecs['schemas']['AttachKeyPairSuccess']> | null | undefined)?.Result?.OperationDetails ?? []).some((d) => d?.Error === null);
  }
  return c.operation === 'kps.disassociate';
}

for (const cloud of ['huaweicloud', 'volcengine'] as const satisfies readonly Cloud[]) {
  test(`${cloud}: allowMutations false binds nothing, and says why a rule that needs a bind is skipped`, async () => {
    // Arrange
    const mock = await startMock({ port: 0, taskDelayMs: 20 });
    const before = mock.snapshot();
    const sent: { c: Case; x: Exchange }[] = [];
    try {
      const target = resolveTarget(targetDocument(mock.url, (doc) => void (doc.safety.allowMutations = false), mock.options.fixtures));

      // Act
      const { verdicts } = await runCloud(cloud, target, { seed: 3, runs: 20, restore: true, observe: (c, x) => void sent.push({ c, x }) });

      // Assert: nothing bound, on the wire or in the mock's state
      expect(sent.filter(({ c, x }) => bound(c, x)).map(({ c, x }) => `${c.id}: ${x.response?.status} ${x.response?.text.slice(0, 120)}`)).toEqual([]);
      expect(mock.snapshot()).toEqual(before);
      expect(sent.length).toBeGreaterThan(20);
      // Assert: the refusals decided their rules; what needs a bind is skipped with the reason
      expect(verdicts.filter((v) => v.status === 'fail').map((v) => v.rule)).toEqual([]);
      const decided = verdicts.filter((v) => v.status === 'pass').map((v) => v.rule);
      expect(decided).toEqual(
        expect.arrayContaining(
          cloud === 'huaweicloud'
            ? ['kps.auth.required', 'kps.associate.rejects-invalid', 'kps.batch-associate.max-10']
            : ['ecs.auth.required', 'ecs.attach-key-pair.max-100', 'ecs.attach-key-pair.client-token-format'],
        ),
      );
      const needsBind = cloud === 'huaweicloud' ? 'kps.task.terminal' : 'ecs.attach-key-pair.idempotent-replay';
      const skipped = verdicts.find((v) => v.rule === needsBind)!;
      expect(skipped.status).toBe('skipped');
      expect(skipped.reason).toContain('allowMutations');
      expect(verdicts.map((v) => v.rule)).toEqual(rulesOf(cloud));
    } finally {
      await mock.close();
    }
  });
}
