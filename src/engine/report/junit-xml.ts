import type { ConformanceReport } from './report-types.ts';

const escape = (s: string) => s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);

/**
 * A report as JUnit XML, one test case per rule, for runs that do not go through Playwright (the proxy):
 * a failed must or conflict rule (or any, with --strict) is a failure, a skipped rule is skipped.
 */
export function junitXml(report: ConformanceReport): string {
  const failing = (r: ConformanceReport['results'][number]) => r.status === 'fail' && (r.level !== 'should' || report.strict);
  const cases = report.results.map((r) => {
    const name = `${r.rule}: ${r.statement.slice(0, 90)}`;
    const body = failing(r)
      ? `<failure message="${escape(r.failures[0]?.title ?? 'failed')}">${escape(r.failures.map((f) => `${f.title}\nReceived: ${f.received}\nDocumented: ${f.documented}`).join('\n\n'))}</failure>`
      : r.status === 'skipped'
        ? `<skipped message="${escape(r.reason ?? 'skipped')}"/>`
        : '';
    return `  <testcase classname="${escape(r.operation)}" name="${escape(name)}">${body}</testcase>`;
  });
  const failures = report.results.filter(failing).length;
  const skipped = report.results.filter((r) => r.status === 'skipped').length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="keypair-conformance" tests="${report.results.length}" failures="${failures}" skipped="${skipped}">\n${cases.join('\n')}\n</testsuite>\n`;
}
