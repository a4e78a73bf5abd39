// Scores the reference mock with each of its faults against the mock without, and writes the table to
// docs/fidelity.md between <!-- faults:start --> and <!-- faults:end -->. Not checked in npm test: where a
// fault changes server state (a stopped server bound), later answers depend on task timing by a few cases;
// tests/engine/fidelity/fidelity-trust.spec.ts holds the property that matters (which rules drop).
import { readFileSync, writeFileSync } from 'node:fs';
import { ALL_FAULTS, describeFault } from '../src/mock/index.ts';
import { fidelityOnMocks, loweredRules } from './_internals/fidelity-on-mocks.ts';
import { inPool } from '../tests/engine/trust/_helpers/target-files.ts';

const SEED = 7;
const RUNS = 20;
const DOC = new URL('../docs/fidelity.md', import.meta.url);

// Every fault: one per rule, and the variant faults (RULE:NAME), which break their rule another way.
const rows = await inPool([...ALL_FAULTS], 4, async (fault) => {
  const spec = describeFault(fault);
  const report = await fidelityOnMocks({
    candidate: { faults: [fault] },
    clouds: [fault.startsWith('kps') ? 'huaweicloud' : 'volcengine'],
    seed: SEED,
    runs: RUNS,
  });
  const rule = report.rules.find((r) => r.rule === spec.rule)!;
  const others = loweredRules(report).filter((r) => r !== spec.rule);
  const allowed = new Set<string>(spec.alsoBreaks ?? []);
  const cell = (t: 'core' | 'complete' | 'strict') => (rule.tiers[t] === null ? '—' : rule.tiers[t]!.score === null ? 'n/a' : `${rule.tiers[t]!.score}%`);
  const beyond = others.filter((r) => !allowed.has(r));
  return `| \`${fault}\` | ${cell('core')} | ${cell('complete')} | ${cell('strict')} | ${others.length === 0 ? 'none' : others.map((r) => `\`${r}\``).join(', ')}${beyond.length > 0 ? ' **(beyond alsoBreaks)**' : ''} |`;
});
const section = [
  `Seed ${SEED}, ${RUNS} runs per property, each fault's cloud only (\`npm run fidelity:faults\`). Score of the faulted rule per tier`,
  "(— : the tier does not score a should rule), and every other rule whose score dropped; all of them are in the fault's",
  'declared `alsoBreaks` (`src/mock/faults/fault-catalogue.ts`). Every rule not listed scored 100%. Where a fault',
  'changes state (a stopped server bound on purpose), a later answer depends on task timing: such scores move by a few points between runs.',
  '',
  '| fault | core | complete | strict | other rules lowered |',
  '|---|---|---|---|---|',
  ...rows,
].join('\n');
const doc = readFileSync(DOC, 'utf8');
const updated = doc.replace(/<!-- faults:start -->[\s\S]*?<!-- faults:end -->/, `<!-- faults:start -->\n${section}\n<!-- faults:end -->`);
writeFileSync(DOC, updated);
