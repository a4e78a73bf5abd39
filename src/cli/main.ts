import { RULES } from '../rules/rules.ts';
import { listExamples } from '../spec/examples.ts';
import { SpecValidators } from '../spec/spec-validators.ts';

const USAGE = `Usage: npx conformance <command>

Commands:
  run      check the specs' examples and list the rule catalogue (the engine that checks a target comes next)
  rules    list every rule id with its level
  help     show this text`;

/** Entry point of the CLI; returns the process exit code (0 ok, 1 a check failed, 2 bad usage). */
export async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  switch (command) {
    case 'run':
      return runSpecSelfCheck(rest);
    case 'rules':
      for (const rule of RULES) console.log(`${rule.level.padEnd(8)} ${rule.id}`);
      return 0;
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`conformance: unknown command "${command}". Run npx conformance help for the commands.`);
      return 2;
  }
}

function runSpecSelfCheck(args: string[]): number {
  if (args.length > 0) {
    console.error(`conformance run: options (${args.join(' ')}) need the engine, which is not built yet. Run it without options.`);
    return 2;
  }
  const validators = new SpecValidators();
  let failed = 0;
  const examples = listExamples();
  for (const example of examples) {
    const validate = validators.forSchema(example.spec, example.schemaRef);
    if (!validate(example.value)) {
      failed++;
      console.log(`FAIL ${example.operationId} ${example.kind} ${example.name}: ${validate.errors?.map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
    }
  }
  const byLevel = (level: string) => RULES.filter((r) => r.level === level).length;
  console.log(`${examples.length - failed} of ${examples.length} documented examples validate against the specs.`);
  console.log(`${RULES.length} rules catalogued: ${byLevel('must')} must, ${byLevel('should')} should, ${byLevel('conflict')} conflict.`);
  console.log('No target was checked: the reference mock and the conformance engine are not built yet (issues 3 and 4).');
  return failed === 0 ? 0 : 1;
}
