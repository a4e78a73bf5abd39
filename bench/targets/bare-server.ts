// Child process: the machine's ceiling, a bare node:http server that reads each body and answers fixed JSON.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const BODY = JSON.stringify({ task_id: 'aee8d2fe-5484-4753-9177-5a38dc15546c', status: 'SUCCESS' });
const LENGTH = Buffer.byteLength(BODY);

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': LENGTH });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
// Exit on SIGTERM through process.exit so `--cpu-prof` (BENCH_CPU_PROF) can write its profile.
process.once('SIGTERM', () => process.exit(0));
