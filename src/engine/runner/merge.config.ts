import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readRunEnv } from './run-env.ts';

// The reporters of a run, for `playwright merge-reports` over the blobs of sharded runs
// (`npx conformance merge`): the merged report is the same as one unsharded run's.
const env = readRunEnv();

export default defineConfig({
  testDir: fileURLToPath(new URL('./suites', import.meta.url)),
  reporter: [
    [fileURLToPath(new URL('../report/conformance-reporter.ts', import.meta.url))],
    ['junit', { outputFile: join(env.reportDir, 'junit.xml') }],
    ['html', { outputFolder: join(env.reportDir, 'html'), open: 'never' }],
  ],
});
