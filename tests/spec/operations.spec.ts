import { test, expect } from '@playwright/test';
import { getOperation, listOperations } from '../../src/spec/operations.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { componentSchema } from '../../src/spec/component-schema.ts';
import type { SpecName } from '../../src/spec/spec-files.ts';
import { SpecValidators } from '../../src/spec/spec-validators.ts';

test('the specs define the three checked operations and two supporting ones', () => {
  const ops = listOperations().map((o) => [o.operationId, o.method, o.path, o.supporting, o.ruleOperation]);
  expect(ops).toEqual([
    ['AssociateKeypair', 'POST', '/v3/{project_id}/keypairs/associate', false, 'kps.associate'],
    ['BatchAssociateKeypair', 'POST', '/v3/{project_id}/keypairs/batch-associate', false, 'kps.batch-associate'],
    ['DisassociateKeypair', 'POST', '/v3/{project_id}/keypairs/disassociate', true, undefined],
    ['ListKeypairTask', 'GET', '/v3/{project_id}/tasks/{task_id}', true, 'kps.task'],
    ['AttachKeyPair', 'GET', '/', false, 'ecs.attach-key-pair'],
  ]);
});

test('success statuses: 202 per the seeds and 200 as the documented variant for Huawei binds', () => {
  for (const id of ['AssociateKeypair', 'BatchAssociateKeypair']) {
    const statuses = getOperation(id).responses.map((r) => r.status);
    expect(statuses).toEqual(expect.arrayContaining([200, 202, 400, 401]));
  }
  expect(getOperation('AttachKeyPair').responses.map((r) => r.status)).toEqual([200, 400, 401, 403, 404, 412, 413, 429, 500]);
});

test('every documented response has a JSON schema that compiles', () => {
  const validators = new SpecValidators();
  for (const op of listOperations()) {
    expect(op.requestSchemaRef, op.operationId === 'ListKeypairTask' ? 'no body' : op.operationId).toEqual(
      op.operationId === 'ListKeypairTask' ? undefined : expect.stringMatching(/^#\/components\/schemas\//),
    );
    for (const r of op.responses) {
      expect(r.schemaRef, `${op.operationId} ${r.status}`).toBeDefined();
      expect(() => validators.forSchema(op.spec, r.schemaRef!)).not.toThrow();
    }
  }
});

test('every operation, limit and catalogue entry cites a source', () => {
  for (const name of ['huaweicloud-kps', 'volcengine-ecs'] as const) {
    const doc = loadSpec(name);
    const sources = new Set((doc.info['x-sources'] as { id: string }[]).map((s) => s.id));
    for (const item of Object.values(doc.paths)) {
      for (const op of [item.get, item.post].filter((o) => o !== undefined)) {
        const cited = op['x-source']?.seed ?? op['x-source']?.page;
        expect(cited !== undefined && sources.has(cited), `${op.operationId} cites ${cited}`).toBe(true);
      }
    }
    for (const entry of doc.components['x-error-codes'] as { code: string; source: string }[]) {
      const id = entry.source.split(' ')[0]!;
      const known = sources.has(id) || /^seed-\d{3}$/.test(id) || entry.source.startsWith('docs/');
      expect(known, `${entry.code} cites ${entry.source}`).toBe(true);
    }
  }
});

test("the specs' limits carry their source", () => {
  const seed = (spec: SpecName, schema: string, member: string) =>
    (componentSchema(spec, schema).properties?.[member]?.['x-source'] as { seed?: string } | undefined)?.seed;
  expect(seed('huaweicloud-kps', 'BatchAssociateKeypairRequestBody', 'batch_keypairs')).toBe('seed-001');
  expect(seed('volcengine-ecs', 'AttachKeyPairRequest', 'InstanceIds')).toBe('seed-002');
  expect(seed('volcengine-ecs', 'AttachKeyPairRequest', 'ClientToken')).toBe('seed-002');
});

test('getOperation names the known operations when asked for an unknown one', () => {
  expect(() => getOperation('DetachKeyPair')).toThrow(
    'getOperation: no operation DetachKeyPair in specs/. Known: AssociateKeypair, BatchAssociateKeypair, DisassociateKeypair, ListKeypairTask, AttachKeyPair.',
  );
});
