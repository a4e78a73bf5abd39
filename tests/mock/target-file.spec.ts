import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { defaultFixtures, FIXTURE_COUNTS, mockTargetFile } from '../../src/mock/index.ts';

test('targets/reference-mock.json describes the default mock (regenerate with npm run write:targets)', () => {
  const committed = JSON.parse(readFileSync(new URL('../../targets/reference-mock.json', import.meta.url), 'utf8'));
  expect(committed).toEqual(mockTargetFile(defaultFixtures(), 'http://127.0.0.1:8080'));
});

test('the fixtures have every state RULES.md names, enough of each for long runs', () => {
  const target = mockTargetFile(defaultFixtures(), 'http://x');
  const servers = target.huaweicloud.fixtures.servers;
  expect(servers.running).toHaveLength(FIXTURE_COUNTS.running);
  expect(servers.bound.length).toBeGreaterThanOrEqual(20);
  expect(servers.stopped.length).toBeGreaterThanOrEqual(20);
  for (const kind of ['running', 'stopped', 'windows', 'noAgent', 'transitional'] as const) {
    expect(target.volcengine.fixtures.instances[kind].length, kind).toBeGreaterThanOrEqual(20);
  }
  expect(target.huaweicloud.auth).toEqual({ akEnv: 'MOCK_HWC_AK', skEnv: 'MOCK_HWC_SK' });
  expect(JSON.stringify(target)).not.toContain('secret');
});
