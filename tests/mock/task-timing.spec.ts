import { test, expect } from '@playwright/test';
import { resolveMockOptions, startMock } from '../../src/mock/index.ts';
import { FIX, huawei } from '../_helpers/mock-client.ts';

// taskDelayMaxMs: each task takes its own time between taskDelayMs and taskDelayMaxMs, and takes effect
// when it ends, whatever order the tasks end in.

test('with taskDelayMaxMs each task ends at its own time from taskDelayMs to taskDelayMaxMs', async () => {
  // Arrange
  let clock = Date.UTC(2026, 10, 23, 12, 0, 0);
  const mock = await startMock({ taskDelayMs: 1000, taskDelayMaxMs: 3000, now: () => clock });
  const date = () => new Date(clock);
  try {
    const servers = FIX.running.slice(0, 30);
    const tasks: string[] = [];
    for (const id of servers)
      tasks.push(
        (await huawei(mock.url, 'POST', '/v3/{project}/keypairs/associate', { keypair_name: 'kp-alpha', server: { id } }, { date: date() })).body.task_id,
      );
    const ended = async () => {
      let count = 0;
      for (const t of tasks)
        if ((await huawei(mock.url, 'GET', `/v3/{project}/tasks/${t}`, undefined, { date: date() })).body.task_status === 'SUCCESS_RESET') count++;
      return count;
    };
    const start = clock;
    // Act & Assert
    clock = start + 999;
    expect(await ended()).toBe(0);
    clock = start + 2000;
    const halfway = await ended();
    clock = start + 3000;
    expect(await ended()).toBe(tasks.length);
    // Thirty draws from 1-3 s all on one side of 2 s would be a broken draw (odds 2 in a billion).
    expect(halfway).toBeGreaterThan(0);
    expect(halfway).toBeLessThan(tasks.length);
    const bindings = mock.snapshot().huaweicloud;
    expect(servers.filter((id) => bindings[id] !== 'kp-alpha')).toEqual([]);
  } finally {
    await mock.close();
  }
});

test('a task delay range that is not a range is refused with the fix', () => {
  expect(() => resolveMockOptions({ taskDelayMs: 500, taskDelayMaxMs: 100 })).toThrow(
    'startMock: taskDelayMaxMs 100 is not a whole number from taskDelayMs (500). Leave it out for a fixed delay.',
  );
});
