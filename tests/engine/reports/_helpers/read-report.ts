import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceReport } from '../../../../src/engine/report/report-types.ts';

/** `<dir>/conformance.json`, parsed; when the run wrote none, an error that shows the run's output. */
export function readReport(dir: string, run?: { code: number | null; stdout: string; stderr: string }): ConformanceReport {
  const file = join(dir, 'conformance.json');
  if (!existsSync(file)) throw new Error(`the run wrote no ${file}${run ? ` (exit ${run.code})\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}` : ''}`);
  return JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
}

/** The heading summary.html gives each operation (its groups, in page order). */
export const OPERATION_HEADINGS: Readonly<Record<string, string>> = {
  kps: 'Huawei KPS gateway',
  'kps.associate': 'AssociateKeypair',
  'kps.batch-associate': 'BatchAssociateKeypair',
  'kps.task': 'ListKeypairTask (supporting)',
  ecs: 'Volcengine gateway',
  'ecs.attach-key-pair': 'AttachKeyPair',
  client: 'Clients (decided by conformance sdk)',
};
