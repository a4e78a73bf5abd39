import { test, expect } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { ReportedFailure } from '../../../src/engine/report/report-types.ts';
import type { MockCredentials } from '../../../src/mock/index.ts';
import type { RuleId } from '../../../src/rules/rules.ts';
import { readReport } from './_helpers/read-report.ts';
import { childEnv, runCli } from './_helpers/run-cli.ts';
import { filesUnder, findLeaks, type Blob } from './_helpers/scan-secrets.ts';
import { mockCredentialEnv, startTempMock, tempDir } from './_helpers/temp-mock.ts';
import type { TargetDocument } from '../../_helpers/target-document.ts';

// Canary credentials, planted where the suite reads them (the environment), must appear in no output:
// not on stdout or stderr, not in any file under the report dir (conformance.json, summary.html,
// junit.xml, failures/, test-results/, and the HTML report's embedded base64 zip, unpacked), in no
// form (as is, hex, base64 at any alignment). The faults make the run record failures whose evidence
// is the very requests that carried the credentials, including the deliberately wrong ones.

// A run takes 5-10 s; the timeout leaves room for a machine busy with other test files.
test.describe.configure({ timeout: 90_000 });

const random = () => randomBytes(9).toString('hex').toUpperCase();

/** The private key of the documents' replace example, sent as auth.key: a secret of another kind. */
const EXAMPLE_PRIVATE_KEY = '-----BEGINRSAPRIVATEKEY-----M...';

/** Every value of a recorded request's auth.key, in the case and in the body sent, and every header. */
function evidence(failures: readonly ReportedFailure[]) {
  const keys: unknown[] = [];
  const walk = (node: unknown, parent?: string) => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, parent));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'key' && parent === 'auth') keys.push(v);
        else walk(v, k);
      }
    }
  };
  for (const f of failures) {
    walk(f.case.request);
    if (f.request.body) {
      try {
        walk(JSON.parse(f.request.body));
      } catch {
        // not JSON (a malformed-body case): nothing to walk
      }
    }
  }
  const headers = failures.flatMap((f) => Object.entries(f.request.headers).map(([name, value]) => ({ failure: f.id, name: name.toLowerCase(), value })));
  return { keys, headers };
}

async function runAndScan(args: { faults: readonly RuleId[]; credentials: MockCredentials; env: Record<string, string>; secrets: readonly string[]; rewriteTarget?: (t: TargetDocument) => TargetDocument }) {
  const dir = tempDir('canary');
  const mock = await startTempMock(dir.path, args.faults, { credentials: args.credentials });
  if (args.rewriteTarget) mock.rewrite(args.rewriteTarget);
  try {
    const reportDir = join(dir.path, 'report');
    const run = await runCli(['run', '--target', mock.targetFile, '--runs', '20', '--seed', '5', '--report-dir', reportDir], childEnv(args.env));
    const report = readReport(reportDir, run);
    const blobs: Blob[] = [{ name: 'stdout', bytes: Buffer.from(run.stdout) }, { name: 'stderr', bytes: Buffer.from(run.stderr) }, { name: 'target file', bytes: readFileSync(mock.targetFile) }, ...filesUnder(reportDir)];
    const { leaks, scanned } = findLeaks(blobs, args.secrets);
    // A positive control: the same scan finds what the report does hold, deep inside the HTML report.
    const control = findLeaks(blobs, [`npx conformance replay ${args.faults[0]}#1`]).leaks.map((l) => l.where);
    return { run, report, leaks, scanned, control };
  } finally {
    await mock.close();
    dir.rm();
  }
}

test('AK/SK canaries appear in no output, in no encoding, even in the evidence of failures', async () => {
  // Arrange
  const hwAk = `CANARYAK${random()}`;
  const hwSk = `canary-sk-${random()}`;
  const volcAk = `CANARYVOLCAK${random()}`;
  const volcSk = `canary-volc-sk-${random()}`;
  const credentials: MockCredentials = { huawei: { accessKey: hwAk, secretKey: hwSk, tokens: [`canary-unused-token-${random()}`] }, volcengine: { accessKey: volcAk, secretKey: volcSk } };
  const faults: RuleId[] = ['kps.associate.task-id', 'ecs.envelope', 'kps.auth.bad-signature', 'ecs.auth.unknown-access-key'];

  // Act
  const { run, report, leaks, scanned, control } = await runAndScan({ faults, credentials, env: mockCredentialEnv(credentials), secrets: [hwAk, hwSk, volcAk, volcSk, EXAMPLE_PRIVATE_KEY] });

  // Assert
  expect(run.code, run.stderr).toBe(1);
  for (const rule of faults) expect(report.results.find((r) => r.rule === rule)?.status, rule).toBe('fail');
  expect(leaks).toEqual([]);
  expect(scanned.some((name) => /html\/index\.html > base64@\d+ > zip:report\.json$/.test(name)), `scanned: ${scanned.join(', ')}`).toBe(true);
  expect(control).toEqual(expect.arrayContaining(['conformance.json', 'summary.html', 'junit.xml', expect.stringMatching(/^failures\//), expect.stringMatching(/^html\/index\.html > base64@\d+ > zip:\w+\.json$/)]));
  const failures = report.results.flatMap((r) => r.failures);
  const { keys, headers } = evidence(failures);
  const authorization = headers.filter((h) => h.name === 'authorization');
  expect(authorization.filter((h) => h.failure.startsWith('kps.')).length).toBeGreaterThan(0);
  expect(authorization.filter((h) => h.failure.startsWith('ecs.')).length).toBeGreaterThan(0);
  for (const h of authorization) expect(h, h.failure).toEqual({ ...h, value: h.failure.startsWith('kps.') ? 'SDK-HMAC-SHA256 [REDACTED]' : 'HMAC-SHA256 [REDACTED]' });
  // the wrongly signed and unknown-key requests are among the evidence, and equally redacted
  expect(failures.map((f) => f.case.id)).toEqual(expect.arrayContaining([expect.stringMatching(/^kps\..*\/auth\/(wrong-secret|tamper-body)$/), expect.stringMatching(/\/auth\/unknown-access-key$/)]));
  expect(keys.length).toBeGreaterThan(0);
  expect(new Set(keys)).toEqual(new Set(['[REDACTED]']));
});

test('a Huawei IAM token canary (auth.tokenEnv) appears in no output either', async () => {
  // Arrange
  const token = `canary-iam-token-${random()}`;
  const volcAk = `CANARYVOLCAK${random()}`;
  const volcSk = `canary-volc-sk-${random()}`;
  const unusedAk = `CANARYUNUSEDAK${random()}`;
  const credentials: MockCredentials = { huawei: { accessKey: unusedAk, secretKey: `canary-unused-sk-${random()}`, tokens: [token] }, volcengine: { accessKey: volcAk, secretKey: volcSk } };
  const faults: RuleId[] = ['kps.associate.task-id'];
  const env = { CANARY_TOKEN_ENV: token, MOCK_VOLC_AK: volcAk, MOCK_VOLC_SK: volcSk };

  // Act
  const { run, report, leaks, control } = await runAndScan({
    faults,
    credentials,
    env,
    secrets: [token, volcAk, volcSk, EXAMPLE_PRIVATE_KEY],
    rewriteTarget: (t) => ({ ...t, huaweicloud: { ...t.huaweicloud, auth: { tokenEnv: 'CANARY_TOKEN_ENV' } } }),
  });

  // Assert
  expect(run.code, run.stderr).toBe(1);
  expect(report.results.find((r) => r.rule === 'kps.associate.task-id')?.status).toBe('fail');
  expect(report.results.find((r) => r.rule === 'kps.auth.stale-date')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('huaweicloud.auth.tokenEnv') });
  expect(leaks).toEqual([]);
  expect(control).toEqual(expect.arrayContaining(['conformance.json', expect.stringMatching(/^html\/index\.html > base64@\d+ > zip:\w+\.json$/)]));
  const failures = report.results.filter((r) => r.rule.startsWith('kps.')).flatMap((r) => r.failures);
  const { keys, headers } = evidence(failures);
  const tokens = headers.filter((h) => h.name === 'x-auth-token');
  expect(tokens.length).toBeGreaterThan(0);
  for (const h of tokens) expect(h, h.failure).toEqual({ ...h, value: '[REDACTED]' });
  expect(headers.filter((h) => h.name === 'authorization')).toEqual([]);
  expect(new Set(keys)).toEqual(new Set(['[REDACTED]']));
});

/** A one-entry zip archive (deflated), as the HTML report embeds its data. */
function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content);
  const file = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(file.length, 28);
  central.writeUInt32LE(0, 42);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + file.length, 12);
  eocd.writeUInt32LE(local.length + file.length + data.length, 16);
  return Buffer.concat([local, file, data, central, file, eocd]);
}

test.describe('the scan itself finds a secret in every form it looks for', () => {
  const secret = `canary-sk-${random()}`;
  const json = Buffer.from(JSON.stringify({ headers: { Authorization: `SDK-HMAC-SHA256 Access=${secret}, Signature=00` } }));
  const cases: [string, Buffer, string][] = [
    ['as is', Buffer.from(`x ${secret} y`), 'plain'],
    ['hex', Buffer.from(`x${Buffer.from(secret).toString('hex')}y`), 'hex'],
    ['HEX', Buffer.from(`x${Buffer.from(secret).toString('hex').toUpperCase()}y`), 'HEX'],
    ...[0, 1, 2].map((k): [string, Buffer, string] => [`inside base64 at offset ${k}`, Buffer.from(Buffer.concat([Buffer.alloc(k, 0x41), Buffer.from(secret), Buffer.from('tail')]).toString('base64')), `base64@${k}`]),
    ['in a base64 zip in an HTML page', Buffer.from(`<template id="playwrightReportBase64">data:application/zip;base64,${zipOf('report.json', json).toString('base64')}</template>`), 'plain'],
    ['in a zip file', zipOf('a.json', json), 'plain'],
    ['in a gzip file', gzipSync(json), 'plain'],
  ];
  for (const [name, bytes, form] of cases) {
    test(name, () => {
      // Act
      const { leaks } = findLeaks([{ name: 'blob', bytes }], [secret]);
      // Assert
      expect(leaks.length, JSON.stringify(leaks)).toBeGreaterThan(0);
      expect(leaks.map((l) => l.form)).toContain(form);
    });
  }
  test('and nothing where the secret is not', () => {
    // Act / Assert
    expect(findLeaks([{ name: 'blob', bytes: Buffer.concat([json, zipOf('b.json', Buffer.from('{"Authorization":"[REDACTED]"}'))]) }], [`canary-sk-${random()}`]).leaks).toEqual([]);
  });
});
