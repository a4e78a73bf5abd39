import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FAULTS, mockTargetFile, startMock, type MockOptions } from '../../mock/index.ts';
import type { RuleId } from '../../rules/rules.ts';
import { UsageError } from '../usage-error.ts';

export const MOCK_USAGE = `Usage: npx conformance mock [--port N] [--host ADDR] [--fault RULE-ID]... [--faults]
                            [--huawei-success 202|200] [--batch-failed FAILED|Failed] [--task-delay-ms N]
                            [--throttle-every N] [--tls-key FILE --tls-cert FILE] [--write-target FILE]

Starts the reference mock of Huawei KPS and Volcengine ECS on one port (default 8080, loopback) and prints
its URL and the target file to check it with. Ctrl-C stops it.
  --fault RULE-ID     break that rule on purpose (repeatable); --faults lists the rules and what breaks
  --huawei-success    the success status of the Huawei binds: 202 (the seeds) or 200 (earlier revisions)
  --batch-failed      how a failed batch task spells its status: FAILED (the table) or Failed (the example)
  --task-delay-ms     how long a Huawei task takes to finish (default 200)
  --throttle-every N  answer every Nth request 429, as the gateways throttle (FlowLimitExceeded, APIGW.0308)
  --tls-key FILE, --tls-cert FILE   serve HTTPS with this PEM key and certificate
  --write-target FILE write the target file for this mock's URL to FILE`;

/** `npx conformance mock`: runs the reference mock until interrupted. */
export async function mockCommand(argv: string[]): Promise<number> {
  const { values } = parseOrThrow(argv);
  if (values.faults) {
    for (const [rule, spec] of Object.entries(FAULTS)) console.log(`${rule.padEnd(50)} ${spec.effect}`);
    return 0;
  }
  const options: Partial<MockOptions> = {
    port: integer('--port', values.port ?? '8080', 0, 65535),
    host: values.host ?? '127.0.0.1',
    faults: (values.fault ?? []) as RuleId[],
    huaweiSuccessStatus: oneOf('--huawei-success', values['huawei-success'] ?? '202', ['202', '200']) === '200' ? 200 : 202,
    batchFailedStatus: oneOf('--batch-failed', values['batch-failed'] ?? 'FAILED', ['FAILED', 'Failed']) as 'FAILED' | 'Failed',
    taskDelayMs: integer('--task-delay-ms', values['task-delay-ms'] ?? '200', 0, 3_600_000),
    throttleEvery: integer('--throttle-every', values['throttle-every'] ?? '0', 0, 1_000_000),
    ...(values['tls-key'] || values['tls-cert'] ? { tls: readTls(values['tls-key'], values['tls-cert']) } : {}),
  };
  let mock;
  try {
    mock = await startMock(options);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new UsageError(`conformance mock: port ${options.port} is in use. Choose another with --port N (0 picks a free one).`);
    throw new UsageError(`conformance mock: ${e.message}`);
  }
  const target = mockTargetFile(mock.options.fixtures, mock.url);
  const targetPath =
    values['write-target'] ??
    (mock.url === 'http://127.0.0.1:8080' ? 'targets/reference-mock.json' : join(tmpdir(), `conformance-mock-${mock.port}.json`));
  if (targetPath !== 'targets/reference-mock.json') writeFileSync(targetPath, JSON.stringify(target, null, 2) + '\n');
  console.log(`Reference mock listening on ${mock.url}`);
  console.log(`Target file: ${targetPath}   (npx conformance run --target ${targetPath})`);
  if (options.faults!.length > 0) console.log(`Breaking on purpose: ${options.faults!.join(', ')}`);
  console.log('Credentials: the mock\'s built-in test keys, or MOCK_HWC_AK/MOCK_HWC_SK/MOCK_HWC_TOKEN/MOCK_VOLC_AK/MOCK_VOLC_SK when set.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await mock.close();
  return 0;
}

function parseOrThrow(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        fault: { type: 'string', multiple: true },
        faults: { type: 'boolean' },
        'huawei-success': { type: 'string' },
        'batch-failed': { type: 'string' },
        'task-delay-ms': { type: 'string' },
        'write-target': { type: 'string' },
        'throttle-every': { type: 'string' },
        'tls-key': { type: 'string' },
        'tls-cert': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(`conformance mock: ${(error as Error).message}. Run npx conformance mock --help.`);
  }
}

function readTls(keyFile: string | undefined, certFile: string | undefined): { key: Buffer; cert: Buffer } {
  if (!keyFile || !certFile) throw new UsageError('conformance mock: HTTPS needs both --tls-key FILE and --tls-cert FILE (PEM).');
  try {
    return { key: readFileSync(keyFile), cert: readFileSync(certFile) };
  } catch (error) {
    throw new UsageError(`conformance mock: cannot read ${(error as NodeJS.ErrnoException).path ?? keyFile}. Check the --tls-key and --tls-cert paths.`);
  }
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`conformance mock: ${flag} ${text} is not a whole number from ${min} to ${max}.`);
  return n;
}

function oneOf(flag: string, text: string, allowed: string[]): string {
  if (!allowed.includes(text)) throw new UsageError(`conformance mock: ${flag} ${text} is not one of ${allowed.join(', ')}.`);
  return text;
}
