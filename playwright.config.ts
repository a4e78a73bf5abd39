import { defineConfig } from '@playwright/test';

// The project's own tests. The conformance run (`npx conformance run`) drives Playwright with its own
// configuration in src/engine/; this one is for `npm test` only.
export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  // Two: the machines have 2 cores, and most tests wait on child processes and loopback sockets.
  workers: 2,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: 'test-results/junit.xml' }]] : 'list',
  use: {},
});
