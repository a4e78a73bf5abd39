import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mockCredentialEnv, mockTargetFile, startMock } from '../../mock/index.ts';
import type { RuleId } from '../../rules/rules.ts';
import type { Case } from '../../engine/cases/case.ts';
import { SEQUENCE_RULES } from '../../engine/checks/registry.ts';
import { EngineContext } from '../../engine/run/engine-context.ts';
import { executeCase } from '../../engine/run/execute-case.ts';
import type { ReportedFailure } from '../../engine/report/report-types.ts';
import { loadTargetFile, resolveTargetDocument } from '../../engine/target/load-target-file.ts';
import { TargetFileError } from '../../engine/target/target-file-error.ts';
import type { ResolvedTarget } from '../../engine/target/resolved-target.ts';
import { UsageError } from '../usage-error.ts';
import type { ContractFailure } from '../../engine/checks/contract-failure.ts';
import { recordClientJudgements } from '../../engine/run/sdk/record-client-judgements.ts';
import { loadClient } from '../../engine/runner/load-client.ts';
import { redact } from '../../engine/target/redact.ts';
import { ClientBroken, type ClientChoice, type ClientUnderTest } from '../../engine/transport/clients/client-under-test.ts';
import type { Exchange } from '../../engine/transport/exchange.ts';

export const REPLAY_USAGE = `Usage: npx conformance replay <failure-id | failure file> [--report-dir DIR] [--target FILE]

Sends a failed case of a previous run again and says whether its rule now holds (FIXED, exit 0) or
still fails (FAILED, exit 1). A failure of conformance sdk is replayed through the same adapter or
harness, answered as the run answered it (the target, a scripted answer or a fault schedule). The failure files are <report-dir>/failures/<id>.json (default reports/).
A run against the embedded mock is replayed against a fresh embedded mock; --target overrides.`;

interface FailureFile {
  readonly failure: ReportedFailure;
  readonly rule: RuleId;
  readonly level: string;
  readonly target: { readonly file: string; readonly embedded: boolean };
  readonly seed: number;
  /** Set when the failure was a client's (`conformance sdk`): it is replayed through the same client. */
  readonly client?: ClientChoice;
}

/** `npx conformance replay`: re-sends one recorded failure and judges it again. */
export async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length !== 1) throw new UsageError('conformance replay: give one failure id (e.g. kps.associate.task-id#1) or failure file.');
  const reportDir = resolve(values['report-dir'] ?? 'reports');
  const arg = positionals[0]!;
  const path = existsSync(arg) ? arg : join(reportDir, 'failures', `${arg.replace(/[^A-Za-z0-9.#-]/g, '_')}.json`);
  if (!existsSync(path)) throw new UsageError(`conformance replay: no failure ${arg} in ${join(reportDir, 'failures')}. Check the id, or pass --report-dir.`);
  const file = JSON.parse(readFileSync(path, 'utf8')) as FailureFile;
  const c = { ...file.failure.case } as unknown as Case;

  let close = async () => {};
  let target: ResolvedTarget;
  try {
    if (values.target) target = loadTargetFile(resolve(values.target));
    else if (file.target.embedded) {
      const env = mockCredentialEnv();
      Object.assign(process.env, env);
      const mock = await startMock({ port: 0, taskDelayMs: 20 });
      target = resolveTargetDocument(mockTargetFile(mock.options.fixtures, mock.url), '(embedded reference mock)', env);
      close = () => mock.close();
    } else target = loadTargetFile(file.target.file);
  } catch (error) {
    if (error instanceof TargetFileError) throw new UsageError(error.message);
    throw error;
  }
  let client: ClientUnderTest | undefined;
  try {
    if (file.client) {
      client = await loadClient(file.client, target).catch((error: Error) => {
        throw error instanceof ClientBroken ? new UsageError(`conformance replay: ${redact(error.message, target.secrets)}`) : error;
      });
    }
    const ctx = new EngineContext(target, { seed: file.seed, runs: 1, ...(client ? { client, caseTimeoutMs: file.client!.caseTimeoutMs } : {}) });
    const { exchange, failures } = await replayOnce(ctx, c);
    await ctx.sdk?.close();
    // An in-process adapter keeps what is printed while it is loaded: close it before printing.
    const name = client?.name;
    await client?.close();
    client = undefined;
    const mine = failures.filter((f) => f.rule === file.rule);
    console.log(`Replaying ${file.failure.id}: ${c.title} (${c.id})${name ? ` through ${name}` : ''}`);
    console.log(`${exchange.request.method} ${exchange.request.url.replace(/\?.*/, '?…')} → ${exchange.response?.status ?? exchange.error}`);
    if (SEQUENCE_RULES.includes(file.rule)) {
      console.log(
        `Note: ${file.rule} is decided over a sequence of requests; this replays one of them. To replay the sequence: npx conformance run --seed ${file.seed}`,
      );
    }
    if (mine.length === 0) {
      console.log(`FIXED: ${file.rule} holds for this case now.`);
      return 0;
    }
    console.log(`FAILED: ${mine[0]!.title}\nReceived: ${mine[0]!.received}\nDocumented: ${mine[0]!.documented}`);
    return 1;
  } finally {
    await client?.close();
    await close();
  }
}

/** Sends the case again: through the client's wire by its own plan when it had one, else as the run did. */
async function replayOnce(ctx: EngineContext, c: Case): Promise<{ exchange: Exchange; failures: ContractFailure[] }> {
  const plan = c.clientPlan;
  if (!ctx.sdk || !plan || plan.kind === 'forward') return executeCase(ctx, c, false);
  const exchange = await ctx.sdk.sendPlanned({ ...c, clientPlan: plan });
  return { exchange, failures: recordClientJudgements(ctx, c, exchange, false) };
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { 'report-dir': { type: 'string' }, target: { type: 'string' } }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`conformance replay: ${(error as Error).message}. Run npx conformance replay --help.`);
  }
}
