import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultFixtures, fixturesFromTarget, type MockFixtures } from '../../mock/index.ts';
import { fidelityHtml } from '../../engine/fidelity/fidelity-html.ts';
import { fidelityTable } from '../../engine/fidelity/fidelity-table.ts';
import type { FidelityThreshold } from '../../engine/fidelity/fidelity-report.ts';
import { TIERS, type Tier } from '../../engine/fidelity/outcome.ts';
import { readCassette, runFidelity, type FidelitySource } from '../../engine/fidelity/run-fidelity.ts';
import { redact } from '../../engine/target/redact.ts';
import { CLOUDS, type Cloud } from '../../families/api-families.ts';

import { loadTargetFile } from '../../engine/target/load-target-file.ts';
import type { ResolvedTarget } from '../../engine/target/resolved-target.ts';
import { TargetFileError } from '../../engine/target/target-file-error.ts';
import { startEmbeddedMock } from '../_internals/embedded-mock.ts';
import { UsageError } from '../usage-error.ts';
import { cloudsOf } from '../../engine/target/target-clouds.ts';
import { parseOnly } from '../_internals/parse-only.ts';

export const FIDELITY_USAGE = `Usage: npx conformance fidelity [--candidate FILE] [--reference FILE|DIR] [--only ${CLOUDS.join('|')}]
                                [--seed N] [--runs N] [--min-score TIER=PCT]... [--min-coverage TIER=PCT]...
                                [--report-dir DIR] [--record DIR]

Scores a mock (the candidate) against a reference, rule by rule: the same cases, same seed and order,
go to both, and each answer is compared after normalisation (request ids, task ids, timestamps, fixture
ids). Tiers: core (status and body shape of must rules), complete (also every error code and entry
result), strict (every rule, messages and values too). Each score has its coverage beside it: cases the
candidate does not support (501, or 404 or an undocumented status without the API's shape) are counted
apart, never as right or wrong.
  --candidate FILE   the target file of the mock to score; default, with --reference: the embedded mock,
                     started with the reference's own fixtures (how faithful is our mock to that target?)
  --reference X      a target file, or a directory of cassettes (--record of a fidelity or run); default:
                     the embedded reference mock
  --only CLOUD       score one cloud
  --seed N           the seed (default random, printed); a cassette reference brings its own
  --runs N           generated cases per property (default 100); a cassette reference brings its own
  --min-score T=P    exit 1 when tier T (core, complete, strict) scores below P percent; repeatable
  --min-coverage T=P exit 1 when less than P percent of tier T's cases were compared (a mock that answers
                     501 to what it cannot do keeps its score, not its coverage); repeatable
  --report-dir DIR   where fidelity.json and fidelity.html go (default reports)
  --record DIR       also write both sides' exchanges as cassettes (DIR/reference, DIR/candidate)
Exit 0: every --min-score and --min-coverage met; 1: one was not, or no case could be compared (a
candidate that does not answer); 2: bad usage or target file.`;

/** `npx conformance fidelity`: a candidate mock scored against a reference, with thresholds for its CI. */
export async function fidelityCommand(argv: string[]): Promise<number> {
  const values = parse(argv);
  if (!values.candidate && !values.reference)
    throw new UsageError(
      'conformance fidelity: --candidate FILE is needed: the target file of the mock to score (or --reference alone, to score the embedded mock against it).',
    );
  parseOnly('fidelity', values.only);
  const thresholds = [...(values['min-score'] ?? []).map((t) => threshold(t, 'score')), ...(values['min-coverage'] ?? []).map((t) => threshold(t, 'coverage'))];
  const reportDir = resolve(values['report-dir'] ?? 'reports');
  // Everything the user can get wrong is checked before a mock starts.
  const candidateFile = values.candidate === undefined ? undefined : target(values.candidate, '--candidate');
  const embedded: EmbeddedSide[] = [];
  try {
    return await compare(values, candidateFile, reportDir, thresholds, embedded);
  } finally {
    for (const m of embedded) await m.close();
  }
}

/** Resolves the reference (cassettes, a target file, or the embedded mock) and the candidate, runs, reports. */
async function compare(
  values: ReturnType<typeof parse>,
  candidateFile: ResolvedTarget | undefined,
  reportDir: string,
  thresholds: Pick<FidelityThreshold, 'tier' | 'measure' | 'min'>[],
  embedded: EmbeddedSide[],
): Promise<number> {
  const only = parseOnly('fidelity', values.only);
  let reference: FidelitySource;
  let seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : integer('--seed', values.seed, 0, 2 ** 31 - 1);
  let runs = values.runs === undefined ? 100 : integer('--runs', values.runs, 1, 100_000);
  let nonce: string | undefined;
  let referenceClouds: Cloud[];
  // The reference's target file as JSON, whose fixtures the embedded candidate takes (fixturesFromTarget).
  let referenceDocument: unknown;
  const given = values.reference;
  if (given !== undefined && existsSync(given) && statSync(given).isDirectory()) {
    const dir = resolve(given);
    const cassettes = CLOUDS.map((c) => [c, readCassette(dir, c)] as const).filter(([, k]) => k !== undefined);
    if (cassettes.length === 0)
      throw new UsageError(
        `conformance fidelity: --reference ${given} holds no cassette (${CLOUDS.map((c) => `${c}.cassette.json`).join(', ')}). Record one with --record DIR.`,
      );
    const first = cassettes[0]![1]!;
    if (values.seed !== undefined && seed !== first.seed)
      throw new UsageError(
        `conformance fidelity: --seed ${seed} differs from the cassettes' seed ${first.seed}. Leave --seed out: a recorded reference brings its own.`,
      );
    if (values.runs !== undefined && runs !== (first.runs ?? 100))
      throw new UsageError(
        `conformance fidelity: --runs ${runs} differs from the cassettes' ${first.runs ?? 100}. Leave --runs out: a recorded reference brings its own.`,
      );
    seed = first.seed;
    runs = first.runs ?? 100;
    nonce = first.nonce;
    if (cassettes.some(([, k]) => !k!.exhaustive)) {
      process.stderr.write(
        `conformance fidelity: the cassettes in ${given} were recorded by a run, which stops a property at its first failure; record with npx conformance fidelity --record for the full comparison.\n`,
      );
    }
    referenceClouds = cassettes.map(([c]) => c);
    reference = { kind: 'cassettes', dir };
    referenceDocument = Object.assign({}, ...cassettes.map(([, k]) => k!.target));
  } else if (given !== undefined) {
    const t = target(given, '--reference');
    referenceClouds = cloudsOf(t);
    reference = { kind: 'target', name: t.name, target: t, restore: true };
    referenceDocument = t.document;
  } else {
    const m = await startEmbedded('reference', defaultFixtures());
    embedded.push(m);
    referenceClouds = cloudsOf(m.target);
    reference = { kind: 'target', name: m.target.name, target: m.target, restore: false };
  }
  let candidate: ResolvedTarget;
  if (candidateFile) candidate = candidateFile;
  else {
    // The embedded mock as the candidate, with the reference's own fixtures, so both get one plan.
    const m = await startEmbedded('candidate', fixturesFromTarget(referenceDocument ?? {}));
    embedded.push(m);
    candidate = m.target;
  }
  const shared = referenceClouds.filter((c) => candidate[c] && (!only || only === c));
  if (shared.length === 0)
    throw new UsageError(
      `conformance fidelity: the reference and the candidate share no cloud${only ? ` named ${only}` : ''}. Give the candidate's target file a ${referenceClouds.join(' or ')} section.`,
    );

  const sent = { reference: 0, candidate: 0 };
  const started = Date.now();
  const progress = setInterval(
    () =>
      process.stderr.write(
        `fidelity: ${sent.reference} requests to the reference, ${sent.candidate} to the candidate · ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
      ),
    5_000,
  );
  progress.unref();
  console.log(
    `conformance fidelity: ${candidate.name} against ${reference.kind === 'target' ? reference.name : `the cassettes in ${given}`} · ${shared.join(', ')} · seed ${seed} · runs ${runs}`,
  );
  try {
    const { report, cassettes } = await runFidelity({
      reference,
      candidate: { kind: 'target', name: candidate.name, target: candidate, restore: values.candidate !== undefined },
      clouds: shared,
      seed,
      runs,
      nonce,
      thresholds,
      onSend: (side) => void sent[side]++,
    });
    const secrets = [...candidate.secrets, ...(reference.kind === 'target' ? reference.target.secrets : [])];
    const safe = redact(report, secrets);
    mkdirSync(reportDir, { recursive: true });
    writeFileSync(join(reportDir, 'fidelity.json'), `${JSON.stringify(safe, null, 2)}\n`);
    writeFileSync(join(reportDir, 'fidelity.html'), fidelityHtml(safe));
    if (values.record !== undefined) {
      for (const { side, cassette } of cassettes) {
        const dir = join(resolve(values.record), side);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `${cassette.cloud}.cassette.json`), `${JSON.stringify(redact(cassette, secrets), null, 1)}\n`);
      }
    }
    console.log(fidelityTable(safe));
    console.log(
      `\nreports: ${join(reportDir, 'fidelity.json')}, ${join(reportDir, 'fidelity.html')}${values.record !== undefined ? ` · cassettes: ${resolve(values.record)}/{reference,candidate}` : ''}`,
    );
    return safe.exitCode;
  } finally {
    clearInterval(progress);
  }
}

/** The embedded mock as one side of the comparison, its target file loaded. */
interface EmbeddedSide {
  readonly target: ResolvedTarget;
  close(): Promise<void>;
}

async function startEmbedded(role: 'reference' | 'candidate', fixtures: MockFixtures): Promise<EmbeddedSide> {
  const embedded = await startEmbeddedMock(fixtures);
  return { target: embedded.target, close: embedded.close };
}

function target(file: string, flag: string): ResolvedTarget {
  try {
    return loadTargetFile(resolve(file));
  } catch (error) {
    if (error instanceof TargetFileError) throw new UsageError(`conformance fidelity: ${flag}: ${error.message}`);
    throw error;
  }
}

function threshold(text: string, measure: 'score' | 'coverage'): { tier: Tier; measure: 'score' | 'coverage'; min: number } {
  const m = text.match(/^(\w+)=(\d+(?:\.\d+)?)%?$/);
  const tier = m?.[1] as Tier | undefined;
  const min = Number(m?.[2]);
  if (!m || !TIERS.includes(tier!) || min > 100)
    throw new UsageError(
      `conformance fidelity: --min-${measure} ${text} is not TIER=PCT. Use one of ${TIERS.join(', ')} and a percentage from 0 to 100, e.g. --min-${measure} complete=95.`,
    );
  return { tier: tier!, measure, min };
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        candidate: { type: 'string' },
        reference: { type: 'string' },
        only: { type: 'string' },
        seed: { type: 'string' },
        runs: { type: 'string' },
        'min-score': { type: 'string', multiple: true },
        'min-coverage': { type: 'string', multiple: true },
        'report-dir': { type: 'string' },
        record: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(`conformance fidelity: ${(error as Error).message}. Run npx conformance fidelity --help.`);
  }
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`conformance fidelity: ${flag} ${text} is not a whole number from ${min} to ${max}.`);
  return n;
}
