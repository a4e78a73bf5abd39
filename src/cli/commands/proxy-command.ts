import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildReport, reportTarget } from '../../engine/report/build-report.ts';
import { junitXml } from '../../engine/report/junit-xml.ts';
import { toReportedVerdict } from '../../engine/report/to-reported-verdict.ts';
import { printReportSummary, writeReports } from '../../engine/report/write-reports.ts';
import { ProxySession } from '../../engine/run/proxy/proxy-session.ts';
import { loadTargetFile } from '../../engine/target/load-target-file.ts';
import { redact } from '../../engine/target/redact.ts';
import { TargetFileError } from '../../engine/target/target-file-error.ts';
import type { ResolvedTarget } from '../../engine/target/resolved-target.ts';
import { ClientWire } from '../../engine/transport/client-wire.ts';
import { writeFileSync } from 'node:fs';
import { startEmbeddedMock, type EmbeddedMock } from '../_internals/embedded-mock.ts';
import { UsageError } from '../usage-error.ts';
import { endpointsOf } from '../../engine/target/target-clouds.ts';

export const PROXY_USAGE = `Usage: npx conformance proxy [--target FILE] [--port N] [--report-dir DIR] [--strict]

A checking proxy for any client (a CLI, Terraform, an SDK's own integration tests): point the client's
endpoint at the address it prints. Every request is passed on byte for byte to the target (default: the
embedded reference mock) and judged, with the target's answer, by the server rules and the client rules
the traffic shows (signature, X-Project-Id, resends after a fault). Huawei KPS paths (/v3/...) and
Volcengine queries (?Action=...) share the one port. On SIGINT or SIGTERM (Ctrl-C) it writes the same
reports as run (conformance.json, summary.html, junit.xml, failures/), saying which rules the traffic
decided, and exits 0 or 1 as run does.
  --target FILE     the target to forward to (docs/DESIGN.md); default: the embedded reference mock
  --port N          the port to listen on, on 127.0.0.1 (default: a free one, printed)
  --report-dir DIR  where the reports go (default reports)
  --strict          should-rule failures fail the run too`;

/** `npx conformance proxy`: forwards and judges a client's traffic until it is stopped. */
export async function proxyCommand(argv: string[], stop: Promise<unknown> = signalled()): Promise<number> {
  const values = parse(argv);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (values.port !== undefined && (!/^\d+$/.test(values.port) || port < 1 || port > 65535))
    throw new UsageError(`conformance proxy: --port ${values.port} is not a port number (1 to 65535).`);
  const reportDir = resolve(values['report-dir'] ?? 'reports');
  let embedded: EmbeddedMock | undefined;
  let target: ResolvedTarget;
  try {
    if (values.target !== undefined) target = loadTargetFile(resolve(values.target));
    else {
      embedded = await startEmbeddedMock();
      target = embedded.target;
    }
  } catch (error) {
    await embedded?.close();
    if (error instanceof TargetFileError) throw new UsageError(error.message);
    throw error;
  }
  const startedAt = new Date();
  const session = new ProxySession(target);
  let wire: ClientWire;
  try {
    wire = await ClientWire.start(endpointsOf(target), { port, listener: (a) => session.observe(a) });
  } catch (error) {
    await embedded?.close();
    throw new UsageError(
      `conformance proxy: cannot listen on 127.0.0.1:${port} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Pick another --port, or leave it out for a free one.`,
    );
  }
  console.log(`Proxy listening on ${wire.endpoint}`);
  console.log(
    `Forwarding to: ${Object.entries(endpointsOf(target))
      .map(([cloud, endpoint]) => `${cloud} ${endpoint}`)
      .join(', ')}${embedded ? ' (the embedded reference mock; its built-in test keys, or MOCK_HWC_AK/MOCK_HWC_SK/MOCK_VOLC_AK/MOCK_VOLC_SK when set)' : ''}`,
  );
  console.log("Point the client's endpoint at it; stop with Ctrl-C (SIGINT) or SIGTERM to write the reports.");
  await stop;
  await wire.close();
  await embedded?.close();
  const reported = session
    .verdicts()
    .map((v) =>
      toReportedVerdict(
        v,
        target.secrets,
        (id) => `npx conformance replay ${id} --report-dir ${reportDir}${values.target ? ` --target ${resolve(values.target)}` : ''}`,
      ),
    );
  const report = redact(
    buildReport({
      target: reportTarget(target),
      results: reported,
      seed: 0,
      runs: 0,
      strict: values.strict === true,
      startedAt,
      requests: session.requests,
      partial: 'proxy: the rules decided by the traffic that came through',
    }),
    target.secrets,
  );
  writeReports(reportDir, report, { targetFile: target.file, embedded: embedded !== undefined });
  writeFileSync(join(reportDir, 'junit.xml'), junitXml(report));
  printReportSummary(report, [join(reportDir, 'conformance.json'), join(reportDir, 'summary.html'), join(reportDir, 'junit.xml')]);
  return report.exitCode;
}

/** Resolves on the first SIGINT or SIGTERM (and stops listening for them). */
function signalled(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolveSignal(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { target: { type: 'string' }, port: { type: 'string' }, 'report-dir': { type: 'string' }, strict: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(`conformance proxy: ${(error as Error).message}. Run npx conformance proxy --help.`);
  }
}
