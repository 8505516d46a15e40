// The worker thread that reads one import file (parse.ts `parseInWorker`). Plain JavaScript on purpose: a worker
// starts without its parent's TypeScript loader (Node 20 does not carry `--import tsx` hooks into workers, and
// vitest's transform never reaches them), so from the sources it registers tsx itself — the same under tests and
// `tsx`. The compiled build (scripts/build-api.mjs defines REXIAN_COMPILED) bundles parse.ts in and needs no tsx.
import { parentPort, workerData } from 'node:worker_threads';

if (typeof REXIAN_COMPILED === 'undefined') (await import('tsx/esm/api')).register();
const { parseInThread } = await import('./parse.ts');
parentPort.postMessage(await parseInThread(new Uint8Array(workerData.bytes), workerData.kind));
