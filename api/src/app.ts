// Starting Rexian: open the database, migrate, seed, make sure an admin exists, then serve HTTP.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase, type OpenedDatabase } from './db/connection';
import { migrateToLatest } from './db/migrate';
import { startLiveFeed } from './live/feed';
import { MAX_REQUEST_BYTES, createApiYoga, payloadTooLargeMessage } from './yoga';
import { createUser } from './repos/auth';
import { randomPassword } from './auth/passwords';
import { refreshWarningsForGroups } from './repos/warnings';
import { refreshAllHotspots } from './repos/hotspots';
import { seedBase } from '../../seeds/base';
import { startScheduler } from './jobs';
import { securityHeaders } from './security/headers';
import { isHttpsRequest } from './security/cookies';
import { serveReportDownload } from './reports/content/download';

export const ADMIN_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../admin/dist');

export interface StartOptions {
  port?: number;
  host?: string;
  databaseUrl?: string;
  dataDir?: string;
  seed?: 'demo' | 'none';
  adminPassword?: string;
  production?: boolean;
  /** Reverse proxies trusted to write X-Forwarded-For (REXIAN_TRUST_PROXY). */
  trustProxy?: number;
  /** Origins besides the server's own whose pages may call /graphql (REXIAN_ALLOWED_ORIGINS). */
  allowedOrigins?: string[];
  /** The built admin app to serve (default admin/dist); tests pass their own. */
  adminDist?: string;
  /** Tests pass an already opened (e.g. cloned) database. */
  opened?: OpenedDatabase;
  quiet?: boolean;
  /** Scheduled jobs (api/src/jobs): on by default for the server; tests leave them off unless they test them. */
  jobs?: boolean;
}

/** Migrates, seeds the base configuration (and the demo street on an empty database), ensures an admin. */
export async function prepareDatabase(
  opened: OpenedDatabase,
  /** demoToday (YYYY-MM-DD) dates the demo's live tail: tests fix it, the server uses today in Asia/Shanghai. */
  opts: { seed: 'demo' | 'none'; adminPassword?: string; quiet?: boolean; demoToday?: string },
) {
  const log = opts.quiet ? () => {} : (m: string) => console.log(m);
  await migrateToLatest(opened);
  await seedBase(opened.db);
  if (opts.seed === 'demo') {
    const { n } = (await sql<{ n: number }>`select count(*)::int as n from street`.execute(opened.db)).rows[0]!;
    if (n === 0) {
      const t0 = Date.now();
      log('[rexian] 正在生成演示数据（浦东新区 36 个街镇 2023 年工单，塘桥街道近 14 天在办工单）…');
      const { seedDemo } = await import('../../seeds/demo'); // only an empty demo database needs the generator
      await seedDemo(opened.db, { today: opts.demoToday });
      // Warnings are derived from the tickets: compute them for every repeat group the demo year has.
      const roots = await opened.db.selectFrom('ticket').select('repeatOfId').distinct().where('repeatOfId', 'is not', null).execute();
      await refreshWarningsForGroups(opened.db, roots.map((r) => r.repeatOfId!));
      await refreshAllHotspots(opened.db); // 苗头 warnings (domain.md §5) of the demo year
      log(`[rexian] 演示数据已生成（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
    }
  }
  const users = await opened.db.selectFrom('appUser').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(users.n) === 0) {
    const password = opts.adminPassword ?? randomPassword();
    await createUser(opened.db, { username: 'admin', password, role: 'ADMIN', displayName: '系统管理员', canReadPersonalData: true });
    if (!opts.adminPassword) console.log(`[rexian] 已创建管理员 admin，初始密码（只显示这一次）：${password}`);
    else log('[rexian] 已创建管理员 admin（密码取自 REXIAN_ADMIN_PASSWORD）');
    if (opts.seed === 'demo') {
      const names = await createDemoUsers(opened, password);
      if (names.length) log(`[rexian] 演示账号（密码同 admin）：${names.join('、')}`);
    }
  }
}

/**
 * One account per role on the demo street (塘桥街道), so every screen can be tried as the person who uses it;
 * one street account of another street (花木街道) and one district account (区城运中心, no street).
 */
async function createDemoUsers(opened: OpenedDatabase, password: string): Promise<string[]> {
  const streets = await opened.db.selectFrom('street').select(['id', 'code']).where('code', 'in', ['TQ', 'HM']).execute();
  const tq = streets.find((s) => s.code === 'TQ')?.id;
  const hm = streets.find((s) => s.code === 'HM')?.id ?? null;
  if (tq === undefined) return [];
  const unit =
    (await opened.db.selectFrom('unit').select('id').where('streetId', '=', tq).where('code', '=', 'CGZD').executeTakeFirst()) ??
    (await opened.db.selectFrom('unit').select('id').where('streetId', '=', tq).where('peerGroup', '=', 'DEPARTMENT').orderBy('id').executeTakeFirst());
  if (!unit) return [];
  const demo = [
    { username: 'ops', role: 'OPS', displayName: '城运中心 王敏', streetId: tq },
    { username: 'party', role: 'PARTY_OFFICE', displayName: '党建办 陈洁', streetId: tq },
    { username: 'leader', role: 'LEADER', leaderRank: 'DEPUTY', displayName: '分管领导 周建国', streetId: tq },
    { username: 'mainleader', role: 'LEADER', leaderRank: 'MAIN', displayName: '主要领导 顾建平', streetId: tq },
    { username: 'jijian', role: 'DISCIPLINE', displayName: '纪检 刘强', streetId: tq },
    { username: 'handler', role: 'UNIT_HANDLER', displayName: '城管中队 张伟', streetId: tq, unitId: unit.id },
    ...(hm === null ? [] : [{ username: 'hm-ops', role: 'OPS', displayName: '花木街道城运中心 邵敏', streetId: hm } as const]),
    { username: 'district', role: 'OPS', displayName: '区城运中心 李华', streetId: null },
  ] as const;
  for (const u of demo) await createUser(opened.db, { password, ...u, unitId: 'unitId' in u ? u.unitId : null });
  return demo.map((u) => `${u.username}（${u.displayName}）`);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const headerValue = (req: http.IncomingMessage, name: string): string | null => {
  const v = req.headers[name.toLowerCase()];
  return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
};

/** The encodings a request accepts (`Accept-Encoding`: names with optional q-values; q=0 refuses). */
function acceptsEncoding(header: string, name: string): boolean {
  let star = false;
  for (const part of header.toLowerCase().split(',')) {
    const [token, ...params] = part.trim().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    if (token === name) return q > 0;
    if (token === '*') star = q > 0;
  }
  return star;
}

/**
 * The admin app's files. The build writes `.br` and `.gz` beside each text file (admin/vite.config.ts), sent as
 * they are when the browser accepts them. Hashed assets never change under their name: cached for a year;
 * index.html names the current ones: revalidated every time.
 */
function serveAdmin(req: http.IncomingMessage, res: http.ServerResponse, dist: string) {
  const url = new URL(req.url ?? '/', 'http://x');
  let file = path.join(dist, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('管理界面尚未构建：请运行 pnpm build（admin UI not built: run pnpm build）');
    return;
  }
  const ext = path.extname(file);
  const accept = headerValue(req, 'accept-encoding') ?? '';
  const encoding = (['br', 'gzip'] as const).find((e) => acceptsEncoding(accept, e) && fs.existsSync(`${file}.${e === 'br' ? 'br' : 'gz'}`));
  const body = encoding ? `${file}.${encoding === 'br' ? 'br' : 'gz'}` : file;
  res.writeHead(200, {
    'content-type': MIME[ext] ?? 'application/octet-stream',
    'cache-control': file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    'content-length': fs.statSync(body).size,
    vary: 'Accept-Encoding',
    ...(encoding ? { 'content-encoding': encoding } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  fs.createReadStream(body).pipe(res);
}

/** How much of an answered request's unread body is still read (and dropped) before its connection is cut. */
const DROP_UNREAD_BYTES = MAX_REQUEST_BYTES;
const DROP_UNREAD_MS = 30_000;

/**
 * A request answered before its body was read — a body without Content-Length refused at the limit (yoga.ts
 * useRequestBodyLimit), an upload refused for its Origin or CSRF header — leaves the rest of the body on the
 * connection, and the request stream may already be destroyed (the multipart reader gives up on it) with the socket
 * paused: a keep-alive client that sends its next request on that connection would wait for an answer that never
 * comes until the connection is reset. The rest is read and dropped by the HTTP parser (Node's own `_dump`, which the
 * server uses for bodies nobody read), so the connection serves the next request; one still sending after another
 * MAX_REQUEST_BYTES or 30 s is cut off.
 */
function dropUnreadBody(req: http.IncomingMessage, socket: import('node:net').Socket) {
  if (req.complete || socket.destroyed) return;
  const from = socket.bytesRead;
  const started = Date.now();
  (req as unknown as { _dump(): void })._dump();
  socket.resume();
  const watch = setInterval(() => {
    if (req.complete || socket.destroyed) clearInterval(watch);
    else if (socket.bytesRead - from > DROP_UNREAD_BYTES || Date.now() - started > DROP_UNREAD_MS) {
      clearInterval(watch);
      socket.destroy();
    }
  }, 100);
  watch.unref();
}

export async function startServer(opts: StartOptions = {}) {
  const opened = opts.opened ?? (await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir }));
  try {
    await prepareDatabase(opened, { seed: opts.seed ?? 'demo', adminPassword: opts.adminPassword, quiet: opts.quiet });
  } catch (e) {
    await opened.close();
    throw e;
  }
  // Live updates hear the database itself (migration 0022), so every process behind a load balancer gets every change.
  const live = startLiveFeed(opened, { databaseUrl: opts.databaseUrl ?? (opened.kind === 'postgres' ? process.env.DATABASE_URL : undefined) });
  await live.ready; // a server that answers hears changes from then on
  const yoga = createApiYoga({ db: opened.appDb, production: !!opts.production, trustProxy: opts.trustProxy ?? 0, allowedOrigins: opts.allowedOrigins ?? [], live });
  const server = http.createServer(async (req, res) => {
    // Every response, whatever answers it (yoga sets the same ones, and GraphiQL's own policy, on its responses).
    // The socket is plain HTTP (http.createServer); only a TLS-terminating proxy's X-Forwarded-Proto can say https.
    const https = isHttpsRequest({ url: 'http://rexian/', headers: { get: (name) => headerValue(req, name) } });
    for (const [name, value] of Object.entries(securityHeaders({ https }))) res.setHeader(name, value);
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/graphql') {
      // Refused by its declared size before a byte of the body is read (yoga would buffer a whole upload).
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_REQUEST_BYTES) {
        // Drained, not buffered, then answered: a client still sending would otherwise meet a closed socket.
        const answer = () =>
          res.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({
            errors: [{ message: payloadTooLargeMessage(declared), extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
          }));
        req.on('end', answer).on('error', () => res.destroy()).resume();
        return;
      }
      const socket = req.socket; // a destroyed request forgets its socket
      res.once('finish', () => dropUnreadBody(req, socket));
      return yoga(req, res);
    }
    // Archived reports' files (/reports/<id>.docx|.xlsx), with the caller's session or token (reports/content/download.ts).
    if (pathname?.startsWith('/reports/')) {
      try {
        if (await serveReportDownload(req, res, opened.appDb, live.sessions)) return;
      } catch {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: '下载失败' }));
        return;
      }
    }
    if (pathname === '/healthz') {
      try {
        await sql`select 1`.execute(opened.appDb); // the pool requests use
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', database: opened.kind }));
      } catch (e) {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', error: (e as Error).message }));
      }
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') return serveAdmin(req, res, opts.adminDist ?? ADMIN_DIST);
    res.writeHead(405).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4000, opts.host ?? '0.0.0.0', () => resolve());
  });
  const scheduler = (opts.jobs ?? !opts.opened) ? startScheduler(opened, { log: opts.quiet ? () => {} : undefined }) : null;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://localhost:${port}`,
    db: opened.db,
    opened,
    scheduler,
    async close() {
      await scheduler?.stop();
      await live.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await opened.close();
    },
  };
}
