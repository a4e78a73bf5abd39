import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { startMock } from '../../src/mock/index.ts';
import type { ConformanceReport } from '../../src/engine/report/report-types.ts';
import type { Cassette } from '../../src/engine/cassettes/cassette.ts';
import { writeMockTarget } from '../_helpers/mock-target.ts';

// Cassettes (issue 6, point 7): --record writes a run's exchanges as nock-loadable cassettes with secrets
// removed; --replay judges them again offline, so a night's live run can be re-checked against new rules.

const bin = join(process.cwd(), 'bin/conformance.mjs');

function cli(args: string[], env: Record<string, string> = {}): Promise<number | null> {
  const child = spawn(process.execPath, [bin, 'run', ...args], { env: { ...process.env, ...env }, stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', resolve));
}
const report = (dir: string) => JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;

test('record then replay: the same verdicts offline, but the rules decided over live sequences', async () => {
  // Arrange
  const dir = mkdtempSync(join(tmpdir(), 'cassettes-'));
  // Act
  expect(await cli(['--runs', '10', '--seed', '6', '--record', join(dir, 'tapes'), '--report-dir', join(dir, 'live')])).toBe(0);
  expect(await cli(['--replay', join(dir, 'tapes'), '--report-dir', join(dir, 'offline')])).toBe(0);
  // Assert
  const live = new Map(report(join(dir, 'live')).results.map((r) => [r.rule, r.status]));
  const offline = report(join(dir, 'offline')).results;
  const sequences = [
    'kps.task.terminal',
    'ecs.attach-key-pair.idempotent-replay',
    'ecs.attach-key-pair.idempotent-mismatch',
    'ecs.attach-key-pair.idempotent-processing',
  ];
  for (const r of offline) {
    if (sequences.includes(r.rule)) expect(r.reason, r.rule).toBe('decided over live sequences, which a cassette does not hold');
    else expect(r.status, r.rule).toBe(live.get(r.rule));
  }
});

test('a cassette loads into nock and holds no secret', async () => {
  // Arrange: canary credentials for a mock and its target file
  const canary = { ak: `CANARYAK${Date.now()}`, sk: `canary-sk-${Date.now()}` };
  const mock = await startMock({
    credentials: { huawei: { accessKey: canary.ak, secretKey: canary.sk, tokens: [] }, volcengine: { accessKey: `${canary.ak}V`, secretKey: `${canary.sk}v` } },
  });
  const dir = mkdtempSync(join(tmpdir(), 'cassettes-'));
  try {
    const env = { MOCK_HWC_AK: canary.ak, MOCK_HWC_SK: canary.sk, MOCK_VOLC_AK: `${canary.ak}V`, MOCK_VOLC_SK: `${canary.sk}v` };
    // Act
    await cli(['--target', writeMockTarget(mock), '--runs', '5', '--seed', '7', '--record', join(dir, 'tapes'), '--report-dir', join(dir, 'live')], env);
    // Assert
    for (const cloud of ['huaweicloud', 'volcengine']) {
      const text = readFileSync(join(dir, 'tapes', `${cloud}.cassette.json`), 'utf8');
      for (const secret of Object.values(canary)) expect(text, `${cloud} cassette`).not.toContain(secret);
      const cassette = JSON.parse(text) as Cassette;
      expect(cassette.exchanges.length).toBeGreaterThan(20);
      expect(nock.define(cassette.exchanges as never).length).toBe(cassette.exchanges.length);
      nock.cleanAll();
    }
  } finally {
    await mock.close();
  }
});

test('a cassette recorded from a faulty target fails the faulted rule offline', async () => {
  // Arrange
  const mock = await startMock({ faults: ['kps.associate.task-id'] });
  const dir = mkdtempSync(join(tmpdir(), 'cassettes-'));
  try {
    await cli(
      [
        '--target',
        writeMockTarget(mock),
        '--only',
        'huaweicloud',
        '--runs',
        '5',
        '--seed',
        '8',
        '--record',
        join(dir, 'tapes'),
        '--report-dir',
        join(dir, 'live'),
      ],
      { MOCK_HWC_AK: 'MOCKHWCACCESSKEY0001', MOCK_HWC_SK: 'mock-hwc-secret-key-not-a-real-secret', MOCK_VOLC_AK: 'x', MOCK_VOLC_SK: 'y' },
    );
  } finally {
    await mock.close();
  }
  // Act: the target is gone; the cassette is all there is
  const code = await cli(['--replay', join(dir, 'tapes'), '--report-dir', join(dir, 'offline')]);
  // Assert
  expect(report(join(dir, 'offline')).results.find((r) => r.rule === 'kps.associate.task-id')?.status).toBe('fail');
  expect(code).toBe(1);
});
