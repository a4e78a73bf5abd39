import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FidelityReport } from '../../../src/engine/fidelity/fidelity-report.ts';
import type { RuleId } from '../../../src/rules/rules.ts';
import { childEnv, runCli } from '../reports/_helpers/run-cli.ts';
import { filesUnder, findLeaks } from '../reports/_helpers/scan-secrets.ts';
import { defaultFixtures } from '../../../src/mock/index.ts';
import { mockCredentialEnv, startTempMock, tempDir } from '../reports/_helpers/temp-mock.ts';

// `npx conformance fidelity` as a mock's CI calls it: the embedded reference mock against a candidate
// started here, thresholds that gate, cassettes that stand in for the reference later, one-line errors.

test.describe.configure({ mode: 'parallel', timeout: 90_000 });

const FAULT = 'ecs.attach-key-pair.windows';
const BASE = ['--seed', '4', '--runs', '10'];

const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'fidelity.json'), 'utf8')) as FidelityReport;

/** A candidate mock breaking FAULT, started for one test, its target file in `dir`. */
async function withCandidate<T>(dir: string, use: (targetFile: string) => Promise<T>, faults: readonly RuleId[] = [FAULT]): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const candidate = await startTempMock(dir, faults);
  try {
    return await use(candidate.targetFile);
  } finally {
    await candidate.close();
  }
}

test('--min-score gates: exit 1 below the threshold, 0 at or above it, each stated on its own line', async () => {
  // Arrange
  const dir = tempDir('fidelity-gate');
  try {
    await withCandidate(dir.path, async (candidate) => {
      const env = childEnv(mockCredentialEnv());

      // Act
      const below = await runCli(
        ['fidelity', '--candidate', candidate, ...BASE, '--min-score', 'complete=100', '--min-score', 'core=0', '--report-dir', join(dir.path, 'a')],
        env,
      );
      const above = await runCli(['fidelity', '--candidate', candidate, ...BASE, '--min-score', 'core=50', '--report-dir', join(dir.path, 'b')], env);

      // Assert
      expect(below.code, below.stderr).toBe(1);
      expect(above.code, above.stderr).toBe(0);
      const report = read(join(dir.path, 'a'));
      expect(report.thresholds.map((t) => [t.tier, t.measure, t.min, t.met])).toEqual([
        ['complete', 'score', 100, false],
        ['core', 'score', 0, true],
      ]);
      expect(below.stdout).toContain(`NOT MET --min-score complete=100: complete scored ${report.tiers.complete.score}%`);
      expect(below.stdout).toMatch(new RegExp(`${FAULT.replace(/\./g, '\\.')}\\s+must`));
      expect(existsSync(join(dir.path, 'a', 'fidelity.html'))).toBe(true);
      expect(report.reference.name).toBe('embedded reference mock');
    });
  } finally {
    dir.rm();
  }
});

test('--min-coverage gates on what was compared: a candidate whose binds give no task id leaves its task lookups unsent', async () => {
  // Arrange
  const dir = tempDir('fidelity-coverage');
  try {
    await withCandidate(
      dir.path,
      async (candidate) => {
        // Act
        const run = await runCli(
          ['fidelity', '--candidate', candidate, ...BASE, '--min-coverage', 'strict=100', '--min-coverage', 'core=10', '--report-dir', dir.path],
          childEnv(mockCredentialEnv()),
        );

        // Assert
        expect(run.code, run.stderr).toBe(1);
        const report = read(dir.path);
        expect(report.cases.notSent).toBeGreaterThan(0);
        expect(report.tiers.strict.coverage).toBeLessThan(100);
        expect(report.thresholds.map((t) => [t.tier, t.measure, t.value, t.met])).toEqual([
          ['strict', 'coverage', report.tiers.strict.coverage, false],
          ['core', 'coverage', report.tiers.core.coverage, true],
        ]);
        expect(run.stdout).toContain(`NOT MET --min-coverage strict=100: strict covered ${report.tiers.strict.coverage}%`);
      },
      ['kps.associate.task-id', 'kps.batch-associate.success-has-task-id'],
    );
  } finally {
    dir.rm();
  }
});

test('a candidate that does not answer: exit 1 with a note naming it, even without a threshold', async () => {
  // Arrange: the reference mock's target file, pointed at a port nothing listens on
  const dir = tempDir('fidelity-dead');
  try {
    const doc = JSON.parse(readFileSync('targets/reference-mock.json', 'utf8'));
    doc.huaweicloud.endpoint = doc.volcengine.endpoint = 'http://127.0.0.1:9';
    const candidate = join(dir.path, 'dead.json');
    writeFileSync(candidate, JSON.stringify(doc));

    // Act
    const run = await runCli(['fidelity', '--candidate', candidate, ...BASE, '--report-dir', dir.path], childEnv(mockCredentialEnv()));

    // Assert
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('NOTE: the candidate (huaweicloud at http://127.0.0.1:9) gave no HTTP answer');
    const report = read(dir.path);
    expect(report.notes).toHaveLength(2);
    // The few requests sent before the run gave up are compared, as "no answer": the status rules take it.
    expect(report.cases.compared + report.cases.notSent).toBe(report.cases.reference);
    expect(report.rules.find((r) => r.rule === 'kps.associate.status-documented')!.differences[0]?.candidate.status ?? 0).toBe(0);
  } finally {
    dir.rm();
  }
});

test("--reference alone scores the embedded mock, started with the reference's own fixtures", async () => {
  // Arrange: a "cloud" with its own, smaller fixture lists, breaking one rule the embedded mock keeps
  const dir = tempDir('fidelity-twin');
  const all = defaultFixtures();
  const fixtures = {
    ...all,
    huaweiServers: all.huaweiServers.filter((_, i) => i % 9 === 0),
    volcengineInstances: all.volcengineInstances.filter((_, i) => i % 6 === 0),
  };
  const cloud = await startTempMock(dir.path, ['ecs.attach-key-pair.no-agent'], { fixtures });
  try {
    // Act
    const run = await runCli(['fidelity', '--reference', cloud.targetFile, ...BASE, '--report-dir', dir.path], childEnv(mockCredentialEnv()));

    // Assert
    expect(run.code, run.stderr).toBe(0);
    const report = read(dir.path);
    expect(report.candidate.name).toBe('embedded reference mock');
    expect(report.notes, 'fixture lists differ').toEqual([]);
    expect([report.cases.diverged, report.cases.notSent, report.cases.compared]).toEqual([0, 0, report.cases.reference]);
    expect(report.rules.filter((r) => (r.tiers.strict?.different ?? 0) > 0).map((r) => r.rule)).toEqual(['ecs.attach-key-pair.no-agent']);
  } finally {
    await cloud.close();
    dir.rm();
  }
});

test('a recorded reference (--record, then --reference DIR) gives the same scores as the live one', async () => {
  // Arrange
  const dir = tempDir('fidelity-tapes');
  try {
    const env = childEnv(mockCredentialEnv());
    const tapes = join(dir.path, 'tapes');
    const live = await withCandidate(join(dir.path, 'one'), (candidate) =>
      runCli(['fidelity', '--candidate', candidate, ...BASE, '--record', tapes, '--report-dir', join(dir.path, 'live')], env),
    );

    // Act: a fresh candidate with the same fault, against the cassettes instead of a live reference
    const replayed = await withCandidate(join(dir.path, 'two'), (candidate) =>
      runCli(['fidelity', '--candidate', candidate, '--reference', join(tapes, 'reference'), '--report-dir', join(dir.path, 'replayed')], env),
    );

    // Assert
    expect([live.code, replayed.code], `${live.stderr}\n${replayed.stderr}`).toEqual([0, 0]);
    const a = read(join(dir.path, 'live'));
    const b = read(join(dir.path, 'replayed'));
    expect(b.reference.kind).toBe('cassettes');
    expect([b.seed, b.runs]).toEqual([4, 10]);
    expect(b.tiers).toEqual(a.tiers);
    expect(b.rules.map((r) => [r.rule, r.tiers])).toEqual(a.rules.map((r) => [r.rule, r.tiers]));
    expect(a.tiers.complete.score).toBeLessThan(100);
  } finally {
    dir.rm();
  }
});

test.describe('bad usage is one line naming the flag and the fix, exit 2', () => {
  const empty = tempDir('fidelity-empty');
  mkdirSync(join(empty.path, 'tapes'), { recursive: true });
  test.afterAll(() => empty.rm());
  const table: [string, string[], RegExp][] = [
    ['neither a candidate nor a reference', [], /--candidate FILE is needed: the target file of the mock to score \(or --reference alone/],
    ['a candidate file that does not exist', ['--candidate', 'nowhere.json'], /--candidate: target file .*nowhere\.json: cannot be read/],
    [
      'an unknown tier',
      ['--candidate', 'targets/reference-mock.json', '--min-score', 'gold=90'],
      /--min-score gold=90 is not TIER=PCT\. Use one of core, complete, strict/,
    ],
    ['a percentage over 100', ['--candidate', 'targets/reference-mock.json', '--min-score', 'core=150'], /--min-score core=150 is not TIER=PCT/],
    ['a coverage gate without a tier', ['--candidate', 'targets/reference-mock.json', '--min-coverage', '90'], /--min-coverage 90 is not TIER=PCT/],
    ['an unknown cloud', ['--candidate', 'targets/reference-mock.json', '--only', 'aws'], /--only aws is not a cloud/],
    [
      'a reference directory without cassettes',
      ['--candidate', 'targets/reference-mock.json', '--reference', join(empty.path, 'tapes')],
      /holds no cassette .* Record one with --record DIR/,
    ],
    ['an unknown flag', ['--candidate', 'targets/reference-mock.json', '--colour'], /Unknown option '--colour'.*Run npx conformance fidelity --help/],
  ];
  for (const [title, args, message] of table) {
    test(title, async () => {
      // Act
      const run = await runCli(['fidelity', ...args], childEnv(mockCredentialEnv()));

      // Assert
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

test('no credential appears in fidelity.json, fidelity.html, the cassettes or the output', async () => {
  // Arrange: canary credentials for both mocks (the embedded one reads the same variables)
  const canary = {
    ak: `CANARYAK${randomBytes(6).toString('hex').toUpperCase()}`,
    sk: `canary-sk-${randomBytes(12).toString('hex')}`,
    vak: `AKLTCANARY${randomBytes(6).toString('hex')}`,
    vsk: `canary-vsk-${randomBytes(12).toString('hex')}`,
  };
  const credentials = {
    huawei: { accessKey: canary.ak, secretKey: canary.sk, tokens: ['mock-hwc-iam-token'] },
    volcengine: { accessKey: canary.vak, secretKey: canary.vsk },
  };
  const env = mockCredentialEnv(credentials);
  const dir = tempDir('fidelity-canary');
  const candidate = await startTempMock(dir.path, ['kps.auth.bad-signature', 'ecs.auth.bad-signature'], { credentials });
  try {
    // Act
    const run = await runCli(
      ['fidelity', '--candidate', candidate.targetFile, ...BASE, '--record', join(dir.path, 'report', 'tapes'), '--report-dir', join(dir.path, 'report')],
      childEnv(env),
    );

    // Assert
    expect(run.code, run.stderr).toBe(0);
    const blobs = [
      { name: 'stdout', bytes: Buffer.from(run.stdout) },
      { name: 'stderr', bytes: Buffer.from(run.stderr) },
      ...filesUnder(join(dir.path, 'report')),
    ];
    expect(blobs.map((b) => b.name).join(' ')).toMatch(/fidelity\.json.*fidelity\.html|fidelity\.html.*fidelity\.json/);
    expect(blobs.some((b) => b.name.endsWith('.cassette.json'))).toBe(true);
    expect(findLeaks(blobs, Object.values(canary)).leaks).toEqual([]);
    // The scan can find things: the candidate's name is in the report.
    expect(findLeaks(blobs, ['reference-mock']).leaks.length).toBeGreaterThan(0);
  } finally {
    await candidate.close();
    dir.rm();
  }
});
