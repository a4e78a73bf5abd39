import type { FidelityReport } from './fidelity-report.ts';

/** Placeholder until the page is written: the report as preformatted JSON. */
export function fidelityHtml(report: FidelityReport): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fidelity</title></head><body><pre>${JSON.stringify(report, null, 2).replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre></body></html>`;
}
