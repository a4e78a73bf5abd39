import { test, expect } from '@playwright/test';
import { resolveMockOptions, startMock } from '../../src/mock/index.ts';
import { FIX, huawei } from '../_helpers/mock-client.ts';

// Where RULES.md lists a conflict, an option picks the variant; the default is the seeds'.

test("the defaults are the seeds' variants: 202 and FAILED", () => {
  const options = resolveMockOptions();
  expect(options.huaweiSuccessStatus).toBe(202);
  expect(options.batchFailedStatus).toBe('FAILED');
});

test('huaweiSuccessStatus 200 and batchFailedStatus Failed give the other documented variants', async () => {
  // Arrange
  const mock = await startMock({ huaweiSuccessStatus: 200, batchFailedStatus: 'Failed' });
  try {
    // Act
    const single = await huawei(mock.url, 'POST', '/v3/{project}/keypairs/associate', { keypair_name: 'kp-alpha', server: { id: FIX.running[0]! } });
    const batch = await huawei(mock.url, 'POST', '/v3/{project}/keypairs/batch-associate', {
      batch_keypairs: [{ keypair_name: 'kp-alpha', server: { id: FIX.stopped[0]! } }],
    });
    // Assert
    expect(single.status).toBe(200);
    expect(batch.status).toBe(200);
    expect(batch.body.tasks[0].status).toBe('Failed');
  } finally {
    await mock.close();
  }
});

test('an option outside the documented variants is refused with a one-line fix', () => {
  expect(() => resolveMockOptions({ huaweiSuccessStatus: 201 as 202 })).toThrow('startMock: reading huaweiSuccessStatus 201 is not one of 202, 200.');
  expect(() => resolveMockOptions({ faults: ['kps.nothing' as never] })).toThrow(/fault "kps.nothing" is not a rule id/);
});

test('the old top-level options are the readings of the same name', () => {
  // Arrange & Act
  const options = resolveMockOptions({ huaweiSuccessStatus: 200, batchFailedStatus: 'Failed' });
  // Assert
  expect([options.readings.huaweiSuccessStatus, options.readings.batchFailedStatus]).toEqual([200, 'Failed']);
  expect([options.huaweiSuccessStatus, options.batchFailedStatus]).toEqual([200, 'Failed']);
  expect(() => resolveMockOptions({ huaweiSuccessStatus: 200, readings: { huaweiSuccessStatus: 202 } })).toThrow(
    'startMock: huaweiSuccessStatus 200 and readings.huaweiSuccessStatus 202 disagree. Give readings.huaweiSuccessStatus alone.',
  );
});
