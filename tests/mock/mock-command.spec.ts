import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { attachQuery, volcengine } from '../_helpers/mock-client.ts';

const bin = fileURLToPath(new URL('../../bin/conformance.mjs', import.meta.url));

test('npx conformance mock prints its URL and target file, serves both clouds and stops on SIGTERM', async () => {
  // Arrange
  const child = spawn(process.execPath, [bin, 'mock', '--port', '0', '--fault', 'ecs.version'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
    child.stdout.on('data', () => {
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  try {
    // Act
    const answer = await volcengine(url, attachQuery({ ids: ['i-running-000'], name: 'ssh_key_pair' }));
    const targetPath = out.match(/Target file: (\S+)/)![1]!;
    // Assert
    expect(answer.status).toBe(200);
    expect(out).toContain('Breaking on purpose: ecs.version');
    expect(JSON.parse(readFileSync(targetPath, 'utf8')).volcengine.endpoint).toBe(url);
  } finally {
    child.kill('SIGTERM');
  }
  const code = await new Promise((resolve) => child.on('exit', resolve));
  expect(code).toBe(0);
});

test('bad mock options are one line and exit code 2', async () => {
  for (const [args, message] of [
    [['--port', 'x'], 'conformance mock: --port x is not a whole number from 0 to 65535.'],
    [['--huawei-success', '201'], 'conformance mock: --huawei-success 201 is not one of 202, 200.'],
    [['--bogus'], "conformance mock: Unknown option '--bogus'"],
  ] as const) {
    const child = spawn(process.execPath, [bin, 'mock', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code, args.join(' ')).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(message);
  }
});
