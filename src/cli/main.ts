import { packageVersion } from '../package-layout.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `Usage: npx conformance <command>

Commands:
  run      check a target (default: the embedded reference mock) against every rule (npx conformance run --help)
  sdk      check a client (SDK, CLI, tool; any language) by what it sends and hands back (npx conformance sdk --help)
  proxy    forward and judge any client's traffic, reports on Ctrl-C (npx conformance proxy --help)
  fidelity score a mock against a reference, rule by rule, in tiers (npx conformance fidelity --help)
  plan     print what a run would send to a target, sending nothing (npx conformance plan --help)
  replay   send a recorded failure again: FIXED or FAILED (npx conformance replay --help)
  diff     what changed between two runs' conformance.json (npx conformance diff --help)
  merge    merge the reports of a run split with --shard (npx conformance merge --help)
  mock     start the reference mock of both clouds (npx conformance mock --help)
  history  a rule × night page of many runs' reports, and what drifted (npx conformance history --help)
  rules    list every rule id with its level
  help     show this text; --version prints the version

Exit codes: 0 conforms · 1 does not conform (a must or conflict rule failed; with --strict, a should
rule) · 2 bad usage or input (one line says what and how to fix it) · 3 no verdict: the target never
answered, or the run was interrupted (the report says which).`;

// Each command's module is imported when it is the one asked for: `run` loads no fidelity, proxy or
// history code, and `--version` none at all.

/** Entry point of the CLI; returns the exit code: 0 conforms, 1 does not, 2 bad usage or input, 3 no verdict. */
export async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  try {
    switch (command) {
      case 'run': {
        const { RUN_USAGE, runCommand } = await import('./commands/run-command.ts');
        if (rest.includes('--help') || rest.includes('-h')) return print(RUN_USAGE);
        return await runCommand(rest);
      }
      case 'replay': {
        const { REPLAY_USAGE, replayCommand } = await import('./commands/replay-command.ts');
        if (rest.includes('--help') || rest.includes('-h')) return print(REPLAY_USAGE);
        return await replayCommand(rest);
      }
      case 'sdk': {
        const { SDK_USAGE, runCommand } = await import('./commands/run-command.ts');
        if (rest.includes('--help') || rest.includes('-h')) return print(SDK_USAGE);
        return await runCommand(rest, 'sdk');
      }
      case 'proxy': {
        const { PROXY_USAGE, proxyCommand } = await import('./commands/proxy-command.ts');
        if (rest.includes('--help') || rest.includes('-h')) return print(PROXY_USAGE);
        return await proxyCommand(rest);
      }
      case 'fidelity': {
        const { FIDELITY_USAGE, fidelityCommand } = await import('./commands/fidelity-command.ts');
        if (rest.includes('--help') || rest.includes('-h')) return print(FIDELITY_USAGE);
        return await fidelityCommand(rest);
      }
      case 'plan': {
        const { PLAN_USAGE, planCommand } = await import('./commands/plan-command.ts');
        if (rest.includes('--help') || rest.includes('-h')) return print(PLAN_USAGE);
        return await planCommand(rest);
      }
      case 'diff': {
        const { DIFF_USAGE, diffCommand } = await import('./commands/diff-command.ts');
        if (rest.includes('--help') || rest.includes('-h')) return print(DIFF_USAGE);
        return diffCommand(rest);
      }
      case 'merge': {
        const { MERGE_USAGE, mergeCommand } = await import('./commands/merge-command.ts');
        if (rest.includes('--help') || rest.includes('-h')) return print(MERGE_USAGE);
        return await mergeCommand(rest);
      }
      case 'history': {
        const { HISTORY_USAGE, historyCommand } = await import('./commands/history-command.ts');
        if (rest.includes('--help') || rest.includes('-h')) return print(HISTORY_USAGE);
        return await historyCommand(rest);
      }
      case 'mock': {
        const { MOCK_USAGE, mockCommand } = await import('./commands/mock-command.ts');
        if (rest.includes('--help') || rest.includes('-h')) return print(MOCK_USAGE);
        return await mockCommand(rest);
      }
      case 'rules': {
        const { RULES } = await import('../rules/rules.ts');
        for (const rule of RULES) console.log(`${rule.level.padEnd(8)} ${rule.id}`);
        return 0;
      }
      case 'help':
      case '--help':
      case '-h':
        return print(USAGE);
      case '--version':
      case '-V':
        return print(packageVersion());
      default:
        throw new UsageError(`conformance: unknown command "${command}". Run npx conformance help for the commands.`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    // One line, never a stack trace: the message is enough to report. No verdict was reached: exit 3.
    console.error(`conformance: could not run: internal error: ${(error as Error).message ?? String(error)}. Please report it.`);
    return 3;
  }
}

function print(text: string): number {
  console.log(text);
  return 0;
}
