import { couldNotRunSubject } from './_internals/report-digest.ts';
import type { ConformanceReport, ReportedVerdict } from './report-types.ts';

// The part of SARIF 2.1.0 (OASIS) this report uses, typed here so no SARIF dependency is needed.
type SarifLevel = 'error' | 'warning' | 'note';

interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: { readonly level: string; readonly operation: string; readonly source: string };
}

interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: { readonly text: string };
  readonly locations: readonly { readonly physicalLocation: { readonly artifactLocation: { readonly uri: string } } }[];
  readonly properties: { readonly failures: number; readonly replay?: string; readonly caseId?: string };
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly [
    {
      readonly tool: { readonly driver: { readonly name: 'keypair-conformance'; readonly rules: readonly SarifRule[] } };
      readonly results: readonly SarifResult[];
      readonly invocations: readonly {
        readonly executionSuccessful: boolean;
        readonly exitCode: number;
        readonly toolExecutionNotifications: readonly { readonly level: SarifLevel; readonly message: { readonly text: string } }[];
      }[];
      readonly properties: { readonly target: string; readonly outcome: string; readonly seed: number; readonly strict: boolean; readonly partial?: string };
    },
  ];
}

/** Where the rules are stated, one table row per id: the only file a result can point at. */
const RULES_DOC = 'docs/RULES.md';

/** A must or conflict rule is an error; a should rule only with --strict, as for the exit code. */
const levelOf = (r: Pick<ReportedVerdict, 'level'>, strict: boolean): SarifLevel => (r.level === 'should' && !strict ? 'warning' : 'error');

/**
 * The report as a SARIF 2.1.0 log for code-scanning tools: one rule per catalogue rule in the report, one
 * result per failing rule (its first failure, with what was received against what is documented). A run
 * that could not run is an unsuccessful invocation with why, so it is not read as a clean scan.
 */
export function sarifLog(report: ConformanceReport): SarifLog {
  const index = new Map(report.results.map((r, i) => [r.rule, i]));
  const rules = report.results.map((r): SarifRule => ({
    id: r.rule,
    shortDescription: { text: r.statement },
    fullDescription: { text: `${r.statement} (${r.source})` },
    defaultConfiguration: { level: levelOf(r, report.strict) },
    properties: { level: r.level, operation: r.operation, source: r.source },
  }));
  const results = report.results
    .filter((r) => r.status === 'fail')
    .map((r): SarifResult => {
      const first = r.failures[0];
      return {
        ruleId: r.rule,
        ruleIndex: index.get(r.rule)!,
        level: levelOf(r, report.strict),
        message: { text: first ? `${first.title}. Received: ${first.received}. Documented: ${first.documented}.` : (r.reason ?? 'failed') },
        locations: [{ physicalLocation: { artifactLocation: { uri: RULES_DOC } } }],
        properties: { failures: r.failures.length, ...(first ? { replay: first.replay, caseId: first.case.id } : {}) },
      };
    });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'keypair-conformance', rules } },
        results,
        invocations: [
          {
            // A failure is a verdict even when a cloud never answered (exit 1); the scan is still incomplete.
            executionSuccessful: (report.couldNotRun ?? []).length === 0,
            exitCode: report.exitCode,
            toolExecutionNotifications: (report.couldNotRun ?? []).map((c) => ({
              level: 'error' as const,
              message: { text: `${couldNotRunSubject(c)}: ${c.reason}` },
            })),
          },
        ],
        properties: {
          target: report.target.name,
          outcome: report.outcome,
          seed: report.seed,
          strict: report.strict,
          ...(report.partial ? { partial: report.partial } : {}),
        },
      },
    ],
  };
}
