import { RULES } from '../../rules/rules.ts';
import type { Cloud } from '../../families/api-families.ts';
import { conformanceTest as test } from './conformance-test.ts';
import { rulesOf } from '../../families/cloud-rules.ts';
import { readRunEnv } from './run-env.ts';

/**
 * One Playwright test per rule of a cloud, titled by its rule id, so that JUnit, the HTML report and
 * --shard see rules. Each attaches its verdict (already redacted) for the conformance reporter.
 */
export function defineRuleTests(cloud: Cloud): void {
  test.use({ cloud });
  const env = readRunEnv();
  // With a client under test, each cloud's project also judges the client rules on its calls.
  for (const id of rulesOf(cloud, env.adapterFile !== undefined || env.harness !== undefined)) {
    const rule = RULES.find((r) => r.id === id)!;
    test(`${id}: ${rule.statement.slice(0, 90)}`, { annotation: [{ type: 'level', description: rule.level }] }, async ({ cloudRun }, testInfo) => {
      const verdict = cloudRun.verdicts.get(id)!;
      // Pushed, not testInfo.attach(): the same attachments, without a step each (a step captures and
      // source-maps a stack trace, which was most of a rule test's cost).
      testInfo.attachments.push(
        { name: 'verdict', body: Buffer.from(JSON.stringify(verdict)), contentType: 'application/json' },
        {
          name: 'cloud-requests',
          body: Buffer.from(JSON.stringify({ cloud, requests: cloudRun.requests, restore: cloudRun.restore, couldNotRun: cloudRun.couldNotRun })),
          contentType: 'application/json',
        },
      );
      if (verdict.status === 'skipped') test.skip(true, verdict.reason);
      if (verdict.status === 'fail') {
        const f = verdict.failures[0]!;
        if (rule.level === 'should' && !readRunEnv().strict) {
          // A should-rule failure is a warning unless --strict: the test passes, as the exit code does.
          testInfo.annotations.push({ type: 'warning', description: `${f.title}. Received: ${f.received.slice(0, 300)}. Reproduce with: ${f.replay}` });
          return;
        }
        const message = [
          `${rule.level} rule ${id} failed: ${f.title}`,
          `Received: ${f.received}`,
          `Documented: ${f.documented}`,
          `The documents: ${f.documents.statement} (${f.documents.source})`,
          `Reproduce with: ${f.replay}`,
        ].join('\n');
        throw new Error(message);
      }
    });
  }
}
