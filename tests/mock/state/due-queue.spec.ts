import { test, expect } from '@playwright/test';
import { DueQueue } from '../../../src/mock/state/due-queue.ts';

// Tasks of different lengths take effect in the order they end; tasks ending together, in the order
// they started (two binds of one server end as the later one says).

test('items come out when due, earliest first, and in arrival order among equals', () => {
  // Arrange
  const queue = new DueQueue<{ doneAt: number; name: string }>();
  for (const [doneAt, name] of [
    [30, 'c'],
    [10, 'a'],
    [20, 'b1'],
    [20, 'b2'],
    [5, 'first'],
    [20, 'b3'],
  ] as const)
    queue.push({ doneAt, name });
  // Act
  const dueAt = (now: number) => {
    const out: string[] = [];
    for (let item = queue.popDue(now); item; item = queue.popDue(now)) out.push(item.name);
    return out;
  };
  // Assert
  expect(dueAt(4)).toEqual([]);
  expect(dueAt(20)).toEqual(['first', 'a', 'b1', 'b2', 'b3']);
  expect(queue.size).toBe(1);
  expect(dueAt(100)).toEqual(['c']);
});
