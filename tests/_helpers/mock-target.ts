import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockCredentialEnv, mockTargetFile, type RunningMock } from '../../src/mock/index.ts';
import { loadTargetFile } from '../../src/engine/target/load-target-file.ts';
import type { ResolvedTarget } from '../../src/engine/target/resolved-target.ts';
import type { TargetDocument } from './target-document.ts';

/** The environment that holds the mock's built-in test credentials under the names its target file uses. */
export const MOCK_ENV: Record<string, string> = mockCredentialEnv();

/** Writes a target file for a running mock (or any endpoint with the mock's fixtures), with changes. */
export function writeMockTarget(mock: Pick<RunningMock, 'url' | 'options'>, change: (t: TargetDocument) => void = () => {}): string {
  const target: TargetDocument = mockTargetFile(mock.options.fixtures, mock.url);
  change(target);
  const file = join(mkdtempSync(join(tmpdir(), 'conformance-target-')), 'target.json');
  writeFileSync(file, JSON.stringify(target, null, 2));
  return file;
}

/** The resolved target for a running mock, credentials from MOCK_ENV. */
export function mockTarget(mock: Pick<RunningMock, 'url' | 'options'>, change?: (t: TargetDocument) => void): ResolvedTarget {
  return loadTargetFile(writeMockTarget(mock, change), MOCK_ENV);
}
