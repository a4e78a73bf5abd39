import { test, expect } from '@playwright/test';
import { startMock } from '../../../src/mock/index.ts';
import { runCloud } from '../../../src/engine/run/run-cloud.ts';
import { mockTarget } from '../../_helpers/mock-target.ts';

// After a run, the fixtures are restored from the ledger of what the run changed (issue 5): servers
// it bound are unbound again, servers and instances whose original key pair the target names get it back.

test('a run against the mock leaves every binding as it found it', async () => {
  // Arrange
  const mock = await startMock({ taskDelayMs: 10 });
  try {
    const before = mock.snapshot();
    const target = mockTarget(mock, (t) => (t.huaweicloud.taskPoll = { firstMs: 5, maxIntervalMs: 50 }));
    // Act
    const huawei = await runCloud('huaweicloud', target, { seed: 21, runs: 20 });
    const volc = await runCloud('volcengine', target, { seed: 21, runs: 20 });
    // Assert
    expect(huawei.restore.length).toBeGreaterThan(10);
    expect(volc.restore.length).toBeGreaterThan(5);
    expect([...huawei.restore, ...volc.restore].filter((r) => !r.restored)).toEqual([]);
    expect(mock.snapshot()).toEqual(before);
  } finally {
    await mock.close();
  }
});

test('what cannot be restored is reported with what the target file lacks', async () => {
  // Arrange: the target file does not say which key pairs the bound servers and the instances had
  const mock = await startMock({ taskDelayMs: 10 });
  try {
    const target = mockTarget(mock, (t) => {
      t.huaweicloud.fixtures.originalKeypairs = {};
      t.volcengine.fixtures.originalKeyPairs = {};
      t.huaweicloud.taskPoll = { firstMs: 5, maxIntervalMs: 50 };
    });
    // Act
    const huawei = await runCloud('huaweicloud', target, { seed: 22, runs: 10 });
    const volc = await runCloud('volcengine', target, { seed: 22, runs: 10 });
    // Assert
    const notRestored = [...huawei.restore, ...volc.restore].filter((r) => !r.restored);
    expect(notRestored.some((r) => r.detail.includes('huaweicloud.fixtures.originalKeypairs'))).toBe(true);
    expect(notRestored.some((r) => r.detail.includes('volcengine.fixtures.originalKeyPairs'))).toBe(true);
    // the servers that were unbound are unbound again all the same
    expect(huawei.restore.filter((r) => r.restored && r.detail === 'unbound again').length).toBeGreaterThan(5);
  } finally {
    await mock.close();
  }
});

test('restore: false leaves the target as the run left it', async () => {
  const mock = await startMock({ taskDelayMs: 10 });
  try {
    const before = mock.snapshot();
    const { restore } = await runCloud('volcengine', mockTarget(mock), { seed: 23, runs: 10, restore: false });
    expect(restore).toEqual([]);
    expect(mock.snapshot()).not.toEqual(before);
  } finally {
    await mock.close();
  }
});
