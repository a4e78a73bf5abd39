// Child process: the reference mock with its defaults (signature checks on, default fixtures, loopback).
import { startMock } from '../../src/mock/index.ts';

const mock = await startMock({ port: 0 });
process.stdout.write(`${JSON.stringify({ url: mock.url })}\n`);
// Exit cleanly on SIGTERM so `node --cpu-prof` (BENCH_CPU_PROF) can write its profile.
process.once('SIGTERM', () => void mock.close().finally(() => process.exit(0)));
