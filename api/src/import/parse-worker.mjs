// The worker thread that reads one import file (parse.ts `parseInWorker`). Plain JavaScript on purpose: a worker
// starts without its parent's TypeScript loader (Node 20 does not carry `--import tsx` hooks into workers, and
// vitest's transform never reaches them), so from the sources it registers tsx itself — the same under tests and
// `tsx`. The compiled build (scripts/build-api.mjs defines REXIAN_COMPILED) bundles parse.ts in and needs no tsx.
// Rows are encoded in batches as they are read (UTF-8 JSON in buffers outside the worker's heap, so its heap holds
// one batch, not the sheet) and handed over with the answer only when the file is good: a refused file's rows
// never reach the parent.
import { parentPort, workerData } from 'node:worker_threads';

if (typeof REXIAN_COMPILED === 'undefined') (await import('tsx/esm/api')).register();
const { parseInThread, batchingSink } = await import('./parse.ts');
const encoder = new TextEncoder();
const batches = [];
const sink = batchingSink((rows) => batches.push(encoder.encode(JSON.stringify(rows))));
// The file is read where the parent put it (shared memory: parse.ts parseInWorker), never copied.
const bytes = new Uint8Array(workerData.bytes, workerData.offset ?? 0, workerData.length ?? workerData.bytes.byteLength);
const result = await parseInThread(bytes, workerData.kind, sink, workerData.maxRows);
if (result.sheet) parentPort.postMessage({ result, batches }, batches.map((b) => b.buffer));
else parentPort.postMessage({ result });
