import { test as base, chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Debian's Chromium: Playwright must not download browsers, so the tests use the system one. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/**
 * `systemBrowser`: one headless system Chromium per worker. When it is missing the test fails (never
 * skips) with one line that says how to install it.
 */
export const test = base.extend<{ reportPage: Page }, { systemBrowser: Browser }>({
  systemBrowser: [
    async ({}, use) => {
      if (!existsSync(SYSTEM_CHROMIUM)) throw new Error(`${SYSTEM_CHROMIUM} is missing: install it with apt-get install -y chromium (Playwright must not download browsers).`);
      const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker', timeout: 30_000 },
  ],
  reportPage: async ({ systemBrowser }, use) => {
    const context = await systemBrowser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    // A report is a file: it must not fetch anything.
    await context.route(/^(?!file:)/, (route) => route.abort());
    const page = await context.newPage();
    await use(page);
    await context.close();
  },
});

export { expect } from '@playwright/test';

/** Width and height of a PNG, from its IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature) || png.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
