import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockTargetFile, startMock, type MockOptions, type RunningMock } from '../../../../src/mock/index.ts';
import type { RuleId } from '../../../../src/rules/rules.ts';
import type { TargetDocument } from '../../../_helpers/target-document.ts';

/** A fresh temporary directory under the OS temp dir; `rm` removes it. */
export function tempDir(prefix: string): { path: string; rm(): void } {
  const path = mkdtempSync(join(tmpdir(), `conf-reports-${prefix}-`));
  return { path, rm: () => rmSync(path, { recursive: true, force: true }) };
}

/** The MOCK_* variables the mock's target file names, set to given credentials (the mock's own helper). */
export { mockCredentialEnv } from '../../../../src/mock/index.ts';

export interface TempMock {
  readonly mock: RunningMock;
  /** The target file written for this mock. */
  readonly targetFile: string;
  /** The target document (already written); `rewrite` changes it. */
  readonly target: TargetDocument;
  rewrite(change: (target: TargetDocument) => TargetDocument): void;
  close(): Promise<void>;
}

/**
 * Starts the reference mock in this process (fresh state, so fixtures are unbound) with the given faults,
 * and writes its target file into `dir`.
 */
export async function startTempMock(dir: string, faults: readonly RuleId[], options: Partial<MockOptions> = {}): Promise<TempMock> {
  const mock = await startMock({ port: 0, faults, taskDelayMs: 20, ...options });
  const targetFile = join(dir, 'target.json');
  let target: TargetDocument = mockTargetFile(mock.options.fixtures, mock.url);
  const write = () => writeFileSync(targetFile, `${JSON.stringify(target, null, 2)}\n`);
  write();
  return {
    mock,
    targetFile,
    get target() {
      return target;
    },
    rewrite(change) {
      target = change(structuredClone(target));
      write();
    },
    close: () => mock.close(),
  };
}
