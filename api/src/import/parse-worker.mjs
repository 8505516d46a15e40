// The worker thread that reads one import file (parse.ts `parseInWorker`). Plain JavaScript on purpose: a worker
// starts without its parent's TypeScript loader (Node 20 does not carry `--import tsx` hooks into workers, and
// vitest's transform never reaches them), so it registers tsx itself — the same under the server, the CLI and tests.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { parseInThread } = await import('./parse.ts');
parentPort.postMessage(await parseInThread(new Uint8Array(workerData.bytes), workerData.kind));
