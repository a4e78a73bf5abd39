import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readRunEnv } from './run-env.ts';

// The conformance run's Playwright configuration, used by `npx conformance run` (never by `npm test`).
// One project per cloud, one test per rule; the cloud's plan runs once per worker.
const env = readRunEnv();
const reporter = fileURLToPath(new URL('../report/conformance-reporter.ts', import.meta.url));

export default defineConfig({
  testDir: fileURLToPath(new URL('./suites', import.meta.url)),
  testMatch: '*.conformance.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30 * 60 * 1000,
  outputDir: join(env.reportDir, 'test-results'),
  reporter: [
    [reporter],
    ['junit', { outputFile: join(env.reportDir, 'junit.xml') }],
    ['html', { outputFolder: join(env.reportDir, 'html'), open: 'never' }],
    ...(process.env.CONFORMANCE_BLOB ? ([['blob', { outputDir: join(env.reportDir, 'blob') }]] as const) : []),
  ],
  projects: [
    { name: 'huaweicloud', testMatch: 'huaweicloud.conformance.ts' },
    { name: 'volcengine', testMatch: 'volcengine.conformance.ts' },
  ],
});
