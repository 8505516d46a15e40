// The admin app's files: precompressed variants chosen by Accept-Encoding, and cache headers by kind of file.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let db: TestDatabase;
let app: Awaited<ReturnType<typeof startServer>>;
let dist: string;
const script = Buffer.from(`console.log(${JSON.stringify('热线'.repeat(2000))});\n`);
const html = Buffer.from('<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>');

beforeAll(async () => {
  // A build as admin/vite.config.ts writes it: the hashed asset with its .br and .gz, index.html without (small).
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-admin-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), html);
  fs.writeFileSync(path.join(dist, 'assets/index-AbC123.js'), script);
  fs.writeFileSync(path.join(dist, 'assets/index-AbC123.js.br'), zlib.brotliCompressSync(script));
  fs.writeFileSync(path.join(dist, 'assets/index-AbC123.js.gz'), zlib.gzipSync(script));
  db = await createTestDatabase('none');
  app = await startServer({ opened: db, port: 0, host: '127.0.0.1', seed: 'none', quiet: true, adminDist: dist });
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

/** The raw response (fetch would decode the body and hide what was sent). */
function get(pathname: string, acceptEncoding?: string, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(`${app.url}${pathname}`, { method, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the admin app’s files', () => {
  it('sends a hashed asset brotli-compressed to a browser that accepts br', async () => {
    const r = await get('/assets/index-AbC123.js', 'gzip, deflate, br, zstd');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers.vary).toMatch(/accept-encoding/i);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.body.length).toBeLessThan(script.length / 4);
    expect(zlib.brotliDecompressSync(r.body).equals(script)).toBe(true);
  });

  it('sends gzip when br is not accepted (or refused with q=0)', async () => {
    for (const accept of ['gzip, deflate', 'br;q=0, gzip;q=0.8']) {
      const r = await get('/assets/index-AbC123.js', accept);
      expect(r.headers['content-encoding']).toBe('gzip');
      expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(r.headers.vary).toMatch(/accept-encoding/i);
      expect(zlib.gunzipSync(r.body).equals(script)).toBe(true);
    }
  });

  it('sends the file as it is when neither is accepted', async () => {
    for (const accept of [undefined, 'identity', 'gzip;q=0, br;q=0']) {
      const r = await get('/assets/index-AbC123.js', accept);
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.headers.vary).toMatch(/accept-encoding/i);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(r.body.equals(script)).toBe(true);
    }
  });

  it('revalidates index.html, also for the app’s own routes, and answers HEAD without a body', async () => {
    for (const pathname of ['/', '/Ticket/12/show']) {
      const r = await get(pathname, 'gzip, br');
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers['content-encoding']).toBeUndefined(); // too small to have been compressed
      expect(r.body.equals(html)).toBe(true);
    }
    const head = await get('/assets/index-AbC123.js', 'br', 'HEAD');
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
  });
});
