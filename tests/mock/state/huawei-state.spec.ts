import { test, expect } from '@playwright/test';
import { defaultFixtures } from '../../../src/mock/index.ts';
import { HuaweiState } from '../../../src/mock/state/huawei-state.ts';

// A server is busy (a batch must not start another bind of it) while any bind task of it has not ended.

const SERVER = defaultFixtures().huaweiServers.find((s) => s.state === 'running' && s.keypair === undefined)!.id;

test('a server is busy from its first bind until its last bind has ended; an unbind never makes it busy', () => {
  // Arrange: tasks of 100 ms, two overlapping binds (at 0 and 50) and an unbind of another server
  const state = new HuaweiState(defaultFixtures(), () => 100);
  const other = defaultFixtures().huaweiServers.find((s) => s.keypair !== undefined)!.id;
  // Act + Assert
  expect(state.bindInFlight(SERVER, 0)).toBe(false);
  state.startTask(SERVER, 'RESET', 0, 'kp-alpha');
  state.startTask(SERVER, 'REPLACE', 50, 'kp-beta');
  state.startTask(other, 'UNBIND', 0);
  expect(state.bindInFlight(other, 10)).toBe(false);
  state.settle(120); // the first bind has ended, the second has not
  expect([state.bindInFlight(SERVER, 120), state.servers.get(SERVER)!.keypair]).toEqual([true, 'kp-alpha']);
  state.settle(150); // a task is terminal at its end (ListKeypairTask shows SUCCESS_ from then on)
  expect([state.bindInFlight(SERVER, 150), state.servers.get(SERVER)!.keypair]).toEqual([false, 'kp-beta']);
});

test("a bind that ends before an earlier-started longer one does not end the server's busy time", () => {
  // Arrange: the first task takes 300 ms, the second 100 ms
  const lengths = [300, 100];
  const state = new HuaweiState(defaultFixtures(), () => lengths.shift()!);
  state.startTask(SERVER, 'RESET', 0, 'kp-alpha');
  state.startTask(SERVER, 'RESET', 10, 'kp-beta');
  // Act
  state.settle(200);
  // Assert: the longer bind is still running
  expect(state.bindInFlight(SERVER, 200)).toBe(true);
  expect(state.bindInFlight(SERVER, 300)).toBe(false);
});
