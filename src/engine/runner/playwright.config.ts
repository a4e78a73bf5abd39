import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { CODE_EXTENSION, codeFile } from '../../package-layout.ts';
import { CLOUDS } from '../../families/api-families.ts';
import { readRunEnv } from './run-env.ts';

// The conformance run's Playwright configuration, used by `npx conformance run` (never by `npm test`).
// One project per cloud, one test per rule; the cloud's plan runs once per worker.
const env = readRunEnv();
const reporter = codeFile('engine/runner/conformance-reporter.ts');

export default defineConfig({
  testDir: codeFile('engine/runner/suites'),
  testMatch: `*.conformance${CODE_EXTENSION}`,
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30 * 60 * 1000,
  outputDir: join(env.reportDir, 'test-results'),
  reporter: [
    [reporter],
    ['junit', { outputFile: join(env.reportDir, 'junit.xml') }],
    ['html', { outputFolder: join(env.reportDir, 'html'), open: 'never' }],
    ...(env.blob ? ([['blob', { outputDir: join(env.reportDir, 'blob') }]] as const) : []),
  ],
  // One project per cloud, named by it (`--only` picks one), over its suite file (suites/<cloud>.conformance.ts).
  projects: CLOUDS.map((cloud) => ({ name: cloud, testMatch: `${cloud}.conformance${CODE_EXTENSION}` })),
});
