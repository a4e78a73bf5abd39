import { RULES } from '../../rules/rules.ts';
import { listExamples } from '../../spec/examples.ts';
import { SpecValidators } from '../../spec/spec-validators.ts';
import { UsageError } from '../usage-error.ts';

/** Until the engine exists, `run` checks what there is: the specs' examples against their schemas. */
export function selfCheckCommand(args: string[]): number {
  if (args.length > 0) throw new UsageError(`conformance run: options (${args.join(' ')}) need the engine, which is not built yet. Run it without options.`);
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
  console.log('No target was checked: the conformance engine is not built yet (issue 4). Try npx conformance mock.');
  return failed === 0 ? 0 : 1;
}
