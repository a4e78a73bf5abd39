// Summarises a .cpuprofile written with BENCH_CPU_PROF=<dir>: where the mock's busy time goes.
// Usage: tsx bench/profile-summary.ts <file.cpuprofile> [function names to total inclusively…]
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, ...watch] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [functionName…]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const short = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules\/|src\/)/, '$1')}:${n.callFrame.lineNumber + 1}`;
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let busy = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const node = byId.get(id)!;
  if (node.callFrame.functionName === '(idle)') return;
  busy += dt;
  self.set(short(node), (self.get(short(node)) ?? 0) + dt);
  const names = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) names.add(byId.get(at)!.callFrame.functionName);
  for (const name of names) inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
});

const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
console.log(`busy (not idle): ${(busy / 1e6).toFixed(2)} s\n\nTop self time:`);
for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(us)}  ${name}`);
if (watch.length > 0) console.log('\nInclusive (time with the function on the stack):');
for (const name of watch) console.log(`${pct(inclusive.get(name) ?? 0)}  ${name}`);
