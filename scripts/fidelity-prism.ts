// Scores Stoplight Prism (`prism mock` on our specs) against the embedded reference mock and writes the
// numbers into docs/fidelity.md, between <!-- prism:start --> and <!-- prism:end --> (nothing else in the
// page changes). Seed, runs and nonce are PRISM_FIDELITY's (scripts/_internals/prism-fidelity.ts).
// `--check` writes nothing and exits 1 when the section it would write differs from the page's (the date
// line aside); tests/engine/fidelity/prism-fidelity.spec.ts checks the same.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fidelityTable } from '../src/engine/fidelity/fidelity-table.ts';
import { PRISM_END, PRISM_START, prismSection, renderPrismSection, runPrismFidelity, withoutDate, withPrismSection } from './_internals/prism-fidelity.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const page = `${root}docs/fidelity.md`;
const check = process.argv.includes('--check');

const { report } = await runPrismFidelity(root);
const section = renderPrismSection(report);
const current = existsSync(page) ? readFileSync(page, 'utf8') : undefined;
const written = current === undefined ? undefined : prismSection(current);

if (check) {
  if (written === undefined || withoutDate(written) !== withoutDate(section)) {
    console.error("docs/fidelity.md's Prism numbers are stale: run npm run fidelity:prism");
    process.exit(1);
  }
  console.log("docs/fidelity.md's Prism numbers are current.");
} else {
  console.log(fidelityTable(report));
  mkdirSync(`${root}docs`, { recursive: true });
  writeFileSync(page, withPrismSection(current ?? `# Mock fidelity\n\n${PRISM_START}\n${PRISM_END}\n`, section));
  console.log('\nwrote docs/fidelity.md (the Prism section)');
}
