import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fixturesFromTarget, liveSizedFixtures, MOCK_PROFILES, mockTargetFile, resolveMockOptions } from '../../src/mock/index.ts';

// --profile live-sized: the few fixtures of a real test account and tasks of 1-3 s, described by
// targets/live-sized.json, which a run against it reads (and restores its bindings from).

const committed = JSON.parse(readFileSync(new URL('../../targets/live-sized.json', import.meta.url), 'utf8'));

test('targets/live-sized.json describes the live-sized mock (regenerate with npm run write:targets)', () => {
  const profile = MOCK_PROFILES['live-sized'];
  expect(committed).toEqual(mockTargetFile(liveSizedFixtures(), 'http://127.0.0.1:8080', profile.target));
});

test("the live-sized fixtures are a test account's: 2 key pairs, 2 running, 1 bound, 1 stopped; one instance of each kind", () => {
  // Act
  const hw = committed.huaweicloud;
  const volc = committed.volcengine;
  // Assert
  expect(hw.fixtures.keypairs).toHaveLength(2);
  expect([hw.fixtures.servers.running.length, hw.fixtures.servers.bound.length, hw.fixtures.servers.stopped.length]).toEqual([2, 1, 1]);
  expect(hw.fixtures.originalKeypairs).toEqual({ [hw.fixtures.servers.bound[0]]: hw.fixtures.keypairs[0] });
  expect(volc.fixtures.keyPairs).toHaveLength(2);
  for (const kind of ['running', 'stopped', 'windows', 'noAgent', 'transitional']) expect(volc.fixtures.instances[kind], kind).toHaveLength(1);
  const names = volc.fixtures.keyPairs.map((k: { name: string }) => k.name);
  expect(Object.keys(volc.fixtures.originalKeyPairs).sort()).toEqual([volc.fixtures.instances.running[0], volc.fixtures.instances.stopped[0]].sort());
  for (const name of Object.values(volc.fixtures.originalKeyPairs)) expect(names).toContain(name);
});

test("the target file sets a live run's budget, and polling and a timeout for 1-3 s tasks", () => {
  expect(committed.safety.maxRequests).toBe(400);
  expect(committed.huaweicloud.taskPoll).toEqual({ firstMs: 500, maxIntervalMs: 1000 });
  expect(committed.huaweicloud.taskTimeoutMs).toBe(60_000);
});

test('fixturesFromTarget reads targets/live-sized.json back to the same fixtures', () => {
  expect(fixturesFromTarget(committed)).toEqual(liveSizedFixtures());
});

test('the profile gives the live-sized fixtures and 1-3 s tasks, unless the caller sets them', () => {
  // Act
  const profiled = resolveMockOptions({ profile: 'live-sized' });
  const paced = resolveMockOptions({ profile: 'live-sized', taskDelayMs: 20 });
  // Assert
  expect(profiled.fixtures).toEqual(liveSizedFixtures());
  expect([profiled.taskDelayMs, profiled.taskDelayMaxMs]).toEqual([1000, 3000]);
  expect([paced.taskDelayMs, paced.taskDelayMaxMs]).toEqual([20, undefined]);
  expect(() => resolveMockOptions({ profile: 'huge' as 'default' })).toThrow('startMock: profile "huge" is not one of default, live-sized.');
});
