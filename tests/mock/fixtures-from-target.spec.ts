import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { defaultFixtures, fixturesFromTarget, mockTargetFile } from '../../src/mock/index.ts';

// The mock can take a target file's fixtures as its own (fidelity's embedded candidate): the target file
// written for such a mock lists the same fixtures, with the same ids, as the file it came from.

test('a target file read into fixtures and written out again lists the same fixtures', () => {
  // Arrange
  const original = mockTargetFile(defaultFixtures(), 'http://127.0.0.1:1');

  // Act
  const again = mockTargetFile(fixturesFromTarget(original), 'http://127.0.0.1:1');

  // Assert
  expect(again).toEqual(original);
});

test("the live example's fixtures become the mock's: servers by state, instances by kind, what was bound", () => {
  // Arrange
  const live = JSON.parse(readFileSync('targets/huaweicloud.example.json', 'utf8'));

  // Act
  const fixtures = fixturesFromTarget(live);

  // Assert
  const servers = live.huaweicloud.fixtures.servers;
  expect(fixtures.huaweiServers.filter((s) => s.state === 'running' && !s.keypair).map((s) => s.id)).toEqual(servers.running);
  expect(fixtures.huaweiServers.filter((s) => s.keypair).map((s) => s.id)).toEqual(servers.bound);
  expect(fixtures.huaweiServers.filter((s) => s.state === 'stopped').map((s) => s.id)).toEqual(servers.stopped);
  expect(fixtures.projectId).toBe(live.huaweicloud.projectId);
  expect(fixtures.huaweiRegion).toBe(live.huaweicloud.region);
  // Volcengine is absent from that file: the default fixtures stand in
  expect(fixtures.volcengineInstances).toEqual(defaultFixtures().volcengineInstances);
});
