import { test, expect } from '@playwright/test';
import { diffReports } from '../../src/engine/report/diff-reports.ts';
import type { ConformanceReport, ReportedVerdict } from '../../src/engine/report/report-types.ts';

const verdict = (rule: string, status: ReportedVerdict['status'], more: Partial<ReportedVerdict> = {}): ReportedVerdict =>
  ({
    rule,
    level: more.level ?? 'must',
    operation: 'x',
    statement: 's',
    source: 'src',
    status,
    casesRun: 3,
    failures: status === 'fail' ? [{ title: 'Broken' } as never] : [],
    ...more,
  }) as ReportedVerdict;
const report = (results: ReportedVerdict[]) => ({ results, startedAt: 't', target: { name: 'n' } }) as unknown as ConformanceReport;

test('identical runs, apart from counts, have no change', () => {
  const a = report([verdict('a', 'pass'), verdict('b', 'skipped', { reason: 'r' })]);
  const b = report([verdict('a', 'pass', { casesRun: 99 }), verdict('b', 'skipped', { reason: 'r' })]);
  expect(diffReports(a, b)).toEqual([]);
});

test('each kind of change is reported once, with its rule and level', () => {
  // Arrange
  const before = report([
    verdict('starts', 'pass'),
    verdict('stops', 'fail'),
    verdict('skips', 'pass', { level: 'should' }),
    verdict('unskips', 'skipped'),
    verdict('drifts', 'pass', { level: 'conflict', variants: { '202': 5 } }),
    verdict('gone', 'pass'),
  ]);
  const after = report([
    verdict('starts', 'fail'),
    verdict('stops', 'pass'),
    verdict('skips', 'skipped', { level: 'should', reason: 'budget' }),
    verdict('unskips', 'pass'),
    verdict('drifts', 'pass', { level: 'conflict', variants: { '200': 5 } }),
    verdict('new', 'pass'),
  ]);
  // Act
  const changes = diffReports(before, after).map((c) => [c.rule, c.kind, c.detail]);
  // Assert
  expect(changes).toEqual([
    ['starts', 'started-failing', 'Broken'],
    ['stops', 'stopped-failing', 'now pass'],
    ['skips', 'now-skipped', 'budget'],
    ['unskips', 'no-longer-skipped', 'now pass'],
    ['drifts', 'variant-changed', '202 → 200'],
    ['new', 'added', 'new rule, pass'],
    ['gone', 'removed', 'no longer in the report'],
  ]);
});
