import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ALL_FAULTS,
  describeFault,
  MOCK_PROFILES,
  mockTargetFile,
  READING_NAMES,
  READINGS,
  readingFromFlag,
  startMock,
  type MockOptionsInput,
  type MockProfileName,
  type Readings,
} from '../../mock/index.ts';
import { UsageError } from '../usage-error.ts';

export const MOCK_USAGE = `Usage: npx conformance mock [--port N] [--host ADDR] [--profile default|live-sized]
                            [--fault FAULT]... [--faults] [--reading NAME=VALUE]... [--readings]
                            [--huawei-success 202|200] [--batch-failed FAILED|Failed]
                            [--task-delay-ms N] [--task-delay-max-ms N]
                            [--throttle-every N] [--tls-key FILE --tls-cert FILE] [--write-target FILE]

Starts the reference mock of Huawei KPS and Volcengine ECS on one port (default 8080, loopback) and prints
its URL and the target file to check it with. Ctrl-C stops it.
  --profile           default (many fixtures, 200 ms tasks) or live-sized (a test account's few, 1-3 s tasks)
  --fault FAULT       break a rule on purpose: a RULE-ID or a RULE-ID:NAME variant (repeatable); --faults lists them
  --reading N=V       where the documents leave room, the reading to show (repeatable); --readings lists them
  --huawei-success    the same as --reading huaweiSuccessStatus=202|200
  --batch-failed      the same as --reading batchFailedStatus=FAILED|Failed
  --task-delay-ms     how long a Huawei task takes to finish (default 200; live-sized 1000)
  --task-delay-max-ms when set, each task takes a random time from --task-delay-ms to this (live-sized 3000)
  --throttle-every N  answer every Nth request 429, as the gateways throttle (FlowLimitExceeded, APIGW.0308)
  --tls-key FILE, --tls-cert FILE   serve HTTPS with this PEM key and certificate
  --write-target FILE write the target file for this mock's URL to FILE`;

/** `npx conformance mock`: runs the reference mock until interrupted. */
export async function mockCommand(argv: string[]): Promise<number> {
  const { values } = parseOrThrow(argv);
  if (values.faults) return listFaults();
  if (values.readings) return listReadings();
  const profile = oneOf('--profile', values.profile ?? 'default', Object.keys(MOCK_PROFILES)) as MockProfileName;
  const options: MockOptionsInput = {
    port: integer('--port', values.port ?? '8080', 0, 65535),
    host: values.host ?? '127.0.0.1',
    profile,
    faults: (values.fault ?? []) as MockOptionsInput['faults'],
    // Each value was matched against READINGS by readingFromFlag; startMock checks them again.
    readings: readingsFrom(values) as Partial<Readings>,
    ...(values['task-delay-ms'] !== undefined ? { taskDelayMs: integer('--task-delay-ms', values['task-delay-ms'], 0, 3_600_000) } : {}),
    ...(values['task-delay-max-ms'] !== undefined ? { taskDelayMaxMs: integer('--task-delay-max-ms', values['task-delay-max-ms'], 0, 3_600_000) } : {}),
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
  const chosen = MOCK_PROFILES[profile];
  const target = mockTargetFile(mock.options.fixtures, mock.url, chosen.target);
  // The committed file already describes this profile at the default address: it is not rewritten.
  // (Only in a clone: an installed package's targets/ is not where the user runs.)
  const committed = mock.url === 'http://127.0.0.1:8080' && existsSync(chosen.targetFile) ? chosen.targetFile : undefined;
  const targetPath = values['write-target'] ?? committed ?? join(tmpdir(), `conformance-mock-${mock.port}.json`);
  if (targetPath !== committed) writeFileSync(targetPath, JSON.stringify(target, null, 2) + '\n');
  console.log(`Reference mock listening on ${mock.url}`);
  console.log(`Target file: ${targetPath}   (npx conformance run --target ${targetPath})`);
  if (profile !== 'default') console.log(`Profile: ${profile}`);
  if (mock.options.faults.length > 0) console.log(`Breaking on purpose: ${mock.options.faults.join(', ')}`);
  const shown = READING_NAMES.filter((n) => mock.options.readings[n] !== READINGS[n].values[0]);
  if (shown.length > 0) console.log(`Readings: ${shown.map((n) => `${n}=${mock.options.readings[n]}`).join(', ')}`);
  console.log("Credentials: the mock's built-in test keys, or MOCK_HWC_AK/MOCK_HWC_SK/MOCK_HWC_TOKEN/MOCK_VOLC_AK/MOCK_VOLC_SK when set.");
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await mock.close();
  return 0;
}

function listFaults(): number {
  for (const id of ALL_FAULTS) console.log(`${id.padEnd(56)} ${describeFault(id).effect}`);
  return 0;
}

function listReadings(): number {
  for (const name of READING_NAMES) {
    const spec = READINGS[name];
    console.log(`${name.padEnd(26)} ${spec.values.join(' | ').padEnd(44)} ${spec.effect}`);
  }
  console.log('The first value is the default. Pick another with --reading NAME=VALUE (docs/mock.md, "Readings").');
  return 0;
}

/** --reading NAME=VALUE and the two older flags, as one partial readings object. */
function readingsFrom(values: ReturnType<typeof parseOrThrow>['values']): Partial<Record<keyof Readings, string | number>> {
  const readings: Partial<Record<keyof Readings, string | number>> = {};
  const set = (flag: string, name: keyof Readings, value: string | number) => {
    if (readings[name] !== undefined && readings[name] !== value) {
      throw new UsageError(`conformance mock: ${flag} says ${name} ${value}, another flag ${readings[name]}. Give it once.`);
    }
    readings[name] = value;
  };
  for (const text of values.reading ?? []) {
    try {
      const [name, value] = readingFromFlag(text);
      set(`--reading ${text}`, name, value);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`conformance mock: ${(error as Error).message}`);
    }
  }
  if (values['huawei-success'] !== undefined)
    set('--huawei-success', 'huaweiSuccessStatus', Number(oneOf('--huawei-success', values['huawei-success'], ['202', '200'])));
  if (values['batch-failed'] !== undefined) set('--batch-failed', 'batchFailedStatus', oneOf('--batch-failed', values['batch-failed'], ['FAILED', 'Failed']));
  return readings;
}

function parseOrThrow(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        profile: { type: 'string' },
        fault: { type: 'string', multiple: true },
        faults: { type: 'boolean' },
        reading: { type: 'string', multiple: true },
        readings: { type: 'boolean' },
        'huawei-success': { type: 'string' },
        'batch-failed': { type: 'string' },
        'task-delay-ms': { type: 'string' },
        'task-delay-max-ms': { type: 'string' },
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
