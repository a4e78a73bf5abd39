import { READING_NAMES, READINGS } from './readings.ts';

/** The Markdown table of READINGS that docs/mock.md shows between its `readings` markers. */
export function readingsMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = READING_NAMES.map((name) => {
    const spec = READINGS[name];
    const values = spec.values.map((v) => `\`${v}\``).join(', ');
    const rule = spec.rule.startsWith('(') ? spec.rule : `\`${spec.rule}\``;
    return `| \`${name}\` | ${values} | \`${spec.values[0]}\` | ${cell(spec.effect)} | ${rule}: ${cell(spec.words)} |`;
  });
  return ["| reading | values | default | what it changes | the documents' words |", '|---|---|---|---|---|', ...rows].join('\n');
}
