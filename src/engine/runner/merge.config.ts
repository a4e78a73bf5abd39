import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { codeFile } from '../../package-layout.ts';
import { readRunEnv } from './run-env.ts';

// The reporters of a run, for `playwright merge-reports` over the blobs of sharded runs
// (`npx conformance merge`): the merged report is the same as one unsharded run's.
const env = readRunEnv();

export default defineConfig({
  testDir: codeFile('engine/runner/suites'),
  reporter: [
    [codeFile('engine/runner/conformance-reporter.ts')],
    ['junit', { outputFile: join(env.reportDir, 'junit.xml') }],
    ['html', { outputFolder: join(env.reportDir, 'html'), open: 'never' }],
  ],
});
