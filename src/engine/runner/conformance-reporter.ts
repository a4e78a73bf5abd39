import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { RULES } from '../../rules/rules.ts';
import type { RestoreOutcome } from '../run/restore/restore-fixtures.ts';
import { readProgress } from './progress-line.ts';
import { readRunEnv } from './run-env.ts';
import { buildReport, reportTarget } from '../report/build-report.ts';
import { writeCiReports } from '../report/ci-reports.ts';
import { mergeVerdicts } from '../report/merge-verdicts.ts';
import { redact } from '../target/redact.ts';
import type { ReportedVerdict } from '../report/report-types.ts';
import { printReportSummary, writeReports } from '../report/write-reports.ts';

/**
 * Playwright reporter that turns the rule tests' verdicts into conformance.json, summary.html and one
 * replayable file per failure, shows a live progress line, and prints the summary table at the end.
 * It also works under `playwright merge-reports`, from the verdicts attached in the blobs.
 */
export default class ConformanceReporter implements Reporter {
  private readonly verdicts = new Map<string, ReportedVerdict>();
  private sent = new Map<string, number>();
  /** Requests per cloud as the rule tests report them (also under merge-reports, where no progress files exist). */
  private readonly requestsByCloud = new Map<string, number>();
  private readonly restoreByCloud = new Map<string, RestoreOutcome[]>();
  private readonly couldNotRunByCloud = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private total = 0;
  private readonly startedAt = new Date();
  private lastPrint = 0;
  private readonly tty = process.stderr.isTTY === true;

  printsToStdio(): boolean {
    return true;
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    // A client rule has a test in each cloud's project: count rules, not tests.
    this.total = new Set(suite.allTests().map((t) => t.title.split(':')[0])).size;
    const env = readRunEnv();
    this.removeRunFiles(env.reportDir);
    this.timer = setInterval(() => this.progress(), this.tty ? 200 : 5000);
    this.timer.unref();
    process.stderr.write(
      `Checking ${env.target?.file ?? env.mergedTarget?.file}: ${this.total} rules${env.partial ? ` (${env.partial})` : ''} · seed ${env.seed} · ${env.runs} runs per property${env.strict ? ' · strict' : ''}\n`,
    );
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const requests = result.attachments.find((a) => a.name === 'cloud-requests' && a.body);
    if (requests?.body) {
      const r = JSON.parse(requests.body.toString()) as { cloud: string; requests: number; restore: RestoreOutcome[]; couldNotRun?: string };
      this.requestsByCloud.set(r.cloud, r.requests);
      this.restoreByCloud.set(r.cloud, r.restore);
      if (r.couldNotRun) this.couldNotRunByCloud.set(r.cloud, r.couldNotRun);
    }
    const attachment = result.attachments.find((a) => a.name === 'verdict' && a.body);
    if (attachment?.body) {
      const verdict = JSON.parse(attachment.body.toString()) as ReportedVerdict;
      const earlier = this.verdicts.get(verdict.rule);
      // A client rule is judged in each cloud's project: one verdict from both.
      this.verdicts.set(verdict.rule, earlier ? mergeVerdicts(earlier, verdict) : verdict);
    } else if (result.status !== 'skipped' && result.status !== 'interrupted') {
      // The worker could not decide the rule (it crashed or timed out): a failure, with what happened.
      const id = test.title.split(':')[0]!;
      const rule = RULES.find((r) => r.id === id);
      const message = result.error?.message?.split('\n')[0] ?? result.status;
      this.verdicts.set(id, {
        rule: id,
        level: rule?.level ?? 'must',
        operation: rule?.operation ?? id,
        statement: rule?.statement ?? test.title,
        source: rule?.source ?? '',
        status: 'fail',
        casesRun: 0,
        failures: [],
        reason: `the run did not decide it: ${message}`,
      } as ReportedVerdict);
    }
    this.progress();
  }

  async onEnd(result: FullResult): Promise<void> {
    clearInterval(this.timer);
    if (this.tty) process.stderr.write('\r\x1b[K');
    const env = readRunEnv();
    this.sent = readProgress(env.reportDir);
    this.recoverCloudRuns(env.reportDir);
    this.removeRunFiles(env.reportDir);
    // Ctrl-C or SIGTERM: Playwright stops the workers; what they had not decided is not a failure.
    const interrupted = result.status === 'interrupted';
    // A merge names the target as the shards' reports do, already redacted: no target file, no credentials.
    const loaded = env.target;
    // The embedded mock's target is named EMBEDDED_TARGET (cli/_internals/embedded-mock.ts), so the shards
    // of one embedded run name the same target.
    const target = env.mergedTarget ?? reportTarget(loaded!);
    const secrets = loaded?.secrets ?? [];
    const results = [...this.verdicts.values()];
    const couldNotRun = [
      ...(interrupted
        ? [
            {
              reason:
                'the run was interrupted (Ctrl-C or SIGTERM) before every rule was decided; the restore section says which fixtures it changed and put back',
            },
          ]
        : []),
      ...[...this.couldNotRunByCloud].map(([cloud, reason]) => ({ cloud, reason })),
    ];
    const report = redact(
      buildReport({
        target,
        results,
        restore: [...this.restoreByCloud.values()].flat(),
        seed: env.seed,
        runs: env.runs,
        strict: env.strict,
        startedAt: this.startedAt,
        requests: [...(this.requestsByCloud.size > 0 ? this.requestsByCloud : this.sent).values()].reduce((a, b) => a + b, 0),
        partial: env.partial,
        couldNotRun,
        ...(interrupted ? { notRunReason: 'the run was interrupted before it was decided' } : {}),
      }),
      secrets,
    );
    const client = env.adapterFile
      ? { adapterFile: env.adapterFile, caseTimeoutMs: env.caseTimeoutMs }
      : env.harness
        ? { harness: env.harness, caseTimeoutMs: env.caseTimeoutMs }
        : undefined;
    writeReports(env.reportDir, report, { targetFile: loaded?.file ?? target.file, embedded: env.embedded, ...(client ? { client } : {}) });
    const ci = writeCiReports(env.reportDir, report, env.reporters ?? []);
    printReportSummary(report, [
      join(env.reportDir, 'conformance.json'),
      join(env.reportDir, 'summary.html'),
      join(env.reportDir, 'junit.xml'),
      join(env.reportDir, 'html', 'index.html'),
      ...ci,
    ]);
  }

  /**
   * A cloud whose plan finished but whose rule tests did not run (the run was interrupted) left its
   * verdicts, requests and restore in the worker's cache file: they belong in the report all the same.
   */
  private recoverCloudRuns(reportDir: string): void {
    for (const f of readdirSync(reportDir).filter((name) => name.startsWith('.verdicts-'))) {
      const cloud = f.slice('.verdicts-'.length, -'.json'.length);
      const saved = JSON.parse(readFileSync(join(reportDir, f), 'utf8')) as {
        verdicts: [string, ReportedVerdict][];
        requests: number;
        restore: RestoreOutcome[];
        couldNotRun?: string;
      };
      // Some of its tests reported: add only the rules they did not get to (a client rule's is merged already).
      const partly = this.requestsByCloud.has(cloud);
      for (const [rule, verdict] of saved.verdicts) {
        const earlier = this.verdicts.get(rule);
        if (partly && (earlier || rule.startsWith('client.'))) continue;
        this.verdicts.set(rule, earlier ? mergeVerdicts(earlier, verdict) : verdict);
      }
      this.requestsByCloud.set(cloud, saved.requests);
      this.restoreByCloud.set(cloud, saved.restore);
      if (saved.couldNotRun) this.couldNotRunByCloud.set(cloud, saved.couldNotRun);
    }
  }

  /** The workers' progress counts and cached verdicts live only as long as the run. */
  private removeRunFiles(reportDir: string): void {
    for (const f of readdirSync(reportDir)) if (f.startsWith('.progress-') || f.startsWith('.verdicts-')) rmSync(join(reportDir, f), { force: true });
  }

  private progress(): void {
    const now = Date.now();
    if (now - this.lastPrint < (this.tty ? 100 : 5000)) return;
    this.lastPrint = now;
    this.sent = readProgress(readRunEnv().reportDir);
    const sent = [...this.sent.values()].reduce((a, b) => a + b, 0);
    const line = `… ${sent} requests sent · ${this.verdicts.size}/${this.total} rules decided`;
    process.stderr.write(this.tty ? `\r\x1b[K${line}` : `${line}\n`);
  }
}
