import { defineConfig } from '@playwright/test';

// The project's own tests. The conformance run (`npx conformance run`) drives Playwright with its own
// configuration in src/engine/; this one is for `npm test` only.
export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: 'test-results/junit.xml' }]] : 'list',
  use: {},
});
