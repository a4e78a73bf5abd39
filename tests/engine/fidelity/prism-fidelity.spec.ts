import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FidelityReport, RuleFidelity } from '../../../src/engine/fidelity/fidelity-report.ts';
import { PRISM_FIDELITY, prismSection, renderPrismSection, runPrismFidelity, withoutDate } from '../../../scripts/_internals/prism-fidelity.ts';
import { startPrism, type RunningPrism } from '../../../scripts/_internals/start-prism.ts';

// Stoplight Prism (`prism mock` on our specs) scored as a fidelity candidate against the embedded
// reference mock, with the seed, runs and nonce docs/fidelity.md was written with. Prism's static mock
// answers the spec's examples whatever the request: far from faithful, deterministic, and its numbers
// in docs/fidelity.md must be this run's.

const root = fileURLToPath(new URL('../../../', import.meta.url));

// One Prism and one comparison for every test of the file.
test.describe.configure({ mode: 'serial' });

let prism: RunningPrism | undefined;
let report: FidelityReport;

test.beforeAll(async () => {
  // A Prism that cannot start fails every test with startPrism's one line (no skip).
  prism = await startPrism({ cwd: root });
  try {
    ({ report } = await runPrismFidelity(root, { prism }));
  } finally {
    await prism.stop();
    prism = undefined;
  }
});

test.afterAll(async () => {
  await prism?.stop();
});

const rule = (id: string): RuleFidelity => {
  const r = report.rules.find((x) => x.rule === id);
  if (!r) throw new Error(`rule ${id} is not in the report`);
  return r;
};

test('Prism is scored with the settings docs/fidelity.md names', () => {
  expect({ seed: report.seed, runs: report.runs }).toEqual({ seed: PRISM_FIDELITY.seed, runs: PRISM_FIDELITY.runs });
  expect(report.candidate.name).toMatch(/^Stoplight Prism \d+\.\d+\.\d+ \(prism mock\)$/);
  expect(report.candidate.cases).toBeGreaterThan(0);
  expect(report.cases.compared).toBeGreaterThan(100);
  for (const t of ['core', 'complete', 'strict'] as const) expect(report.tiers[t].rulesScored, t).toBeGreaterThan(20);
  expect(report.rules.filter((r) => r.tiers.complete?.score != null).length).toBeGreaterThan(20);
});

test('Prism is far from faithful: almost every compared case differs', () => {
  // Real numbers (docs/fidelity.md): core 71.9, complete 68.2, strict 65.3; 3 of 207 compared cases alike.
  expect(report.tiers.core.score!).toBeLessThan(85);
  expect(report.tiers.complete.score!).toBeLessThan(80);
  expect(report.tiers.strict.score!).toBeLessThan(80);
  expect(report.cases.equal).toBeLessThan(report.cases.compared / 10);
});

test('Prism answers each of our requests in the API shape, so nothing is unsupported, but some cases cannot be paired', () => {
  // Prism answers a documented status with the spec's example (400, 401, 200), never 501 or its own
  // 404/422 for our requests: nothing counts as unsupported.
  expect(report.cases.unsupported).toBe(0);
  expect(report.rules.flatMap((r) => r.unsupported)).toEqual([]);
  // Its tasks never end, so the suite does not send what follows a finished bind: coverage is below 100.
  // (A malformed JSON body it never answers at all: those cases are compared, as "no answer".)
  expect(report.cases.notSent).toBeGreaterThanOrEqual(2);
  expect(report.tiers.complete.coverage).toBeLessThan(100);
  expect(report.tiers.complete.coverage).toBeGreaterThan(50);
  const hung = rule('kps.associate.malformed-json').differences.find((d) => d.candidate.status === 0);
  expect(hung?.candidate.body).toMatch(/^no HTTP answer/);
});

test('the rules that need state or signatures score low on Prism', () => {
  // Windows, agentless and transitional instances, stopped and bound servers: Prism answers the same
  // example whatever the instance or server.
  for (const id of [
    'ecs.attach-key-pair.windows',
    'ecs.attach-key-pair.no-agent',
    'ecs.attach-key-pair.instance-status',
    'kps.batch-associate.not-running',
    'kps.batch-associate.already-bound',
  ]) {
    expect(rule(id).tiers.complete!.score!, id).toBeLessThan(70);
  }
  // Prism knows no key pair, and checks that an Authorization header is there, never the signature.
  for (const id of ['kps.associate.unknown-keypair', 'ecs.attach-key-pair.keypair-not-found', 'ecs.auth.unknown-access-key'])
    expect(rule(id).tiers.core!.score, id).toBe(0);
  // ecs.auth.bad-signature also owns the "changes nothing" probes (a refused request's token reused):
  // Prism keeps no tokens, so it answers those as the reference does; every refusal it accepts.
  const badSignature = rule('ecs.auth.bad-signature').tiers.core!;
  expect(badSignature.different, 'bad-signature cases Prism accepted').toBeGreaterThanOrEqual(2 * badSignature.equal);
  expect(badSignature.score!).toBeLessThan(50);
  expect(rule('ecs.auth.bad-signature').differences[0]).toMatchObject({ reference: { status: 401 }, candidate: { status: 200 } });
});

test('Prism answers 200 where the reference answers 202, and the example body where the reference refuses', () => {
  const evidence = report.rules.flatMap((r) => r.differences);
  expect(evidence.some((d) => d.reference.status === 202 && d.candidate.status === 200 && d.case.startsWith('kps.'))).toBe(true);
  // An AttachKeyPair without InstanceIds gets the seed example's two OperationDetails.
  const missing = rule('ecs.attach-key-pair.instance-ids-required').differences[0]!;
  expect(missing).toMatchObject({ reference: { status: 400 }, candidate: { status: 200 } });
  expect(missing.candidate.body).toContain('i-ahipakt2gcg95jpv****');
});

test("docs/fidelity.md's Prism section holds this run's numbers", () => {
  const written = prismSection(readFileSync(`${root}docs/fidelity.md`, 'utf8'));
  expect(written, 'docs/fidelity.md has <!-- prism:start --> … <!-- prism:end -->').toBeDefined();
  expect(withoutDate(written!), "docs/fidelity.md's Prism numbers are stale: run npm run fidelity:prism").toBe(withoutDate(renderPrismSection(report)));
});
