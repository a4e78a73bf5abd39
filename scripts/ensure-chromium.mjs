// Runs before `npm test`: the summary-page test needs a real headless Chromium, and Playwright must not
// download its own, so Debian's is installed when missing (as root, through apt-get). Prints one line.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
try {
  const sudo = isRoot ? '' : 'sudo -n ';
  console.log("Installing Debian's chromium for the summary-page browser test (apt-get)…");
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, {
    stdio: 'ignore',
    timeout: 15 * 60 * 1000,
  });
} catch {
  console.log(`Could not install chromium: run "sudo apt-get install -y chromium"; the summary-page test needs ${CHROMIUM}.`);
}
