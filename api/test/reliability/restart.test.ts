// A real PostgreSQL restart under load. The shared server at 5432 serves the other suites and is never restarted:
// this suite makes its own throwaway cluster (initdb as the postgres OS user, a free port, data under /tmp), runs
// the HTTP server on it, keeps clients busy, and restarts the cluster with `pg_ctl restart -m fast`.
// It runs in the PostgreSQL leg only (DATABASE_URL set): that leg is where a PostgreSQL installation is expected;
// it skips, saying why, when the server binaries are missing. About 10 s.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer } from '../../src/app';
import { createUser } from '../../src/repos/auth';

const BIN = process.env.REXIAN_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const haveBinaries = ['initdb', 'pg_ctl', 'postgres'].every((b) => fs.existsSync(path.join(BIN, b)));
const skipReason = !process.env.DATABASE_URL
  ? 'DATABASE_URL is not set (this scenario belongs to the PostgreSQL leg)'
  : !haveBinaries ? `PostgreSQL server binaries not found in ${BIN}` : null;
if (skipReason) console.log(`[restart.test] skipped: ${skipReason}`);

const WORKERS = 6;
let dir = '';
let port = 0;
let server: Awaited<ReturnType<typeof startServer>> | undefined;

/** Runs a PostgreSQL binary as the postgres OS user (initdb and postgres refuse to run as root). */
function asPostgres(cmd: string, args: string[]) {
  return spawnSync('runuser', ['-u', 'postgres', '--', path.join(BIN, cmd), ...args], { encoding: 'utf8', timeout: 30_000 });
}
function asPostgresAsync(cmd: string, args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const p = spawn('runuser', ['-u', 'postgres', '--', path.join(BIN, cmd), ...args], { stdio: 'ignore' });
    p.on('exit', (code) => resolve(code));
  });
}
const pgCtl = (...args: string[]) => ['-D', path.join(dir, 'data'), '-l', path.join(dir, 'server.log'), ...args];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

describe.skipIf(!!skipReason)('a real PostgreSQL restart under load', () => {
  let ops = '';
  let handler = '';
  let base = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-pgrestart-'));
    fs.chmodSync(dir, 0o700);
    spawnSync('chown', ['postgres:postgres', dir]);
    const init = asPostgres('initdb', ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    expect(init.status, init.stderr).toBe(0);
    port = await freePort();
    // Loopback only, sockets in our own folder; fsync off: nothing here needs to survive a power cut.
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
    const start = asPostgres('pg_ctl', pgCtl('-o', opts, '-w', 'start'));
    expect(start.status, start.stderr + fs.readFileSync(path.join(dir, 'server.log'), 'utf8')).toBe(0);

    server = await startServer({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, port: 0, host: '127.0.0.1', seed: 'none', adminPassword: 'admin-password', quiet: true, jobs: false });
    base = `http://127.0.0.1:${new URL(server.url).port}`;
    const db = server.opened.db;
    const district = await db.insertInto('district').values({ code: 'RT', name: '重启区' }).returning('id').executeTakeFirstOrThrow();
    const street = await db.insertInto('street').values({ code: 'RT', name: '重启街道', districtId: district.id }).returning('id').executeTakeFirstOrThrow();
    const unit = await db.insertInto('unit').values({ code: 'RT1', name: '重启单位', streetId: street.id, peerGroup: 'DEPARTMENT' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('ticket').values(Array.from({ length: 30 }, (_, i) => ({
      number: `RT-${i}`, streetId: street.id, unitId: unit.id, category: 'COMPLAINT', status: 'DISPATCHED',
      receivedAt: new Date(Date.UTC(2023, 6, 3, 2, i)), firstContactDue: new Date(Date.UTC(2023, 6, 4)), completionDue: new Date(Date.UTC(2023, 6, 10)),
    }))).execute();
    await createUser(db, { username: 'rt_ops', password: 'password-123', role: 'OPS' });
    await createUser(db, { username: 'rt_handler', password: 'password-123', role: 'UNIT_HANDLER', unitId: unit.id });
    ops = await login('rt_ops');
    handler = await login('rt_handler');
  }, 45_000);

  afterAll(async () => {
    await server?.close().catch(() => {});
    if (dir) {
      asPostgres('pg_ctl', pgCtl('-m', 'immediate', 'stop'));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  async function login(username: string) {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($u: String!) { login(username: $u, password: "password-123") { id } }', variables: { u: username } }),
    });
    const cookie = res.headers.get('set-cookie');
    expect(cookie, await res.text()).toBeTruthy();
    return cookie!.split(';')[0]!;
  }

  it('no crash; only requests in flight at the restart fail; the first success comes within 2 s of the server being back', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    type Outcome = { start: number; end: number; ok: boolean; code?: string };
    const outcomes: Outcome[] = [];
    let inFlight = 0;
    let stop = false;
    const query = '{ allTickets(perPage: 20) { id number unit { name } } _allTicketsMeta { count } }';
    const worker = async (cookie: string) => {
      while (!stop) {
        const start = Date.now();
        inFlight++;
        let o: Outcome;
        try {
          const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query }) });
          const body = (await res.json()) as { data?: { _allTicketsMeta?: { count: number } }; errors?: Array<{ extensions?: { code?: string } }> };
          const ok = !body.errors && body.data?._allTicketsMeta?.count === 30;
          o = { start, end: Date.now(), ok, code: ok ? undefined : body.errors?.[0]?.extensions?.code ?? 'WRONG_ANSWER' };
        } catch (e) {
          o = { start, end: Date.now(), ok: false, code: `HTTP:${(e as Error).message}` };
        } finally {
          inFlight--;
        }
        outcomes.push(o);
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, i) => worker(i % 2 ? handler : ops));
    // Steady load first (on a busy machine the first answers take a while).
    for (const until = Date.now() + 15_000; Date.now() < until && outcomes.filter((o) => o.ok).length < 4 * WORKERS;) await new Promise((r) => setTimeout(r, 100));
    const beforeRestart = outcomes.length;
    const inFlightAtRestart = inFlight;
    const t0 = Date.now();
    const code = await asPostgresAsync('pg_ctl', pgCtl('-m', 'fast', '-w', 'restart'));
    const back = Date.now(); // pg_ctl -w returns once the server accepts connections
    await new Promise((r) => setTimeout(r, 2000));
    stop = true;
    await Promise.all(workers);
    errors.mockRestore();

    const failed = outcomes.filter((o) => !o.ok);
    const firstOkAfterBack = outcomes.filter((o) => o.ok && o.end >= back).reduce((m, o) => Math.min(m, o.end), Infinity);
    const health = await fetch(`${base}/healthz`).then((r) => r.status);
    const summary = {
      scenario: 'postgres-restart', workers: WORKERS, requests: outcomes.length, okBeforeRestart: beforeRestart,
      ok: outcomes.length - failed.length, failed: failed.length, failedCodes: [...new Set(failed.map((o) => o.code))],
      inFlightAtRestart, restartMs: back - t0, recoveryMs: firstOkAfterBack - back,
      slowestDuringRestartMs: Math.max(...outcomes.filter((o) => o.end >= t0 && o.start <= back).map((o) => o.end - o.start)),
      okAfterBack: outcomes.filter((o) => o.ok && o.start >= back).length, healthz: health,
    };
    console.log(JSON.stringify(summary));
    expect(code).toBe(0);
    expect(beforeRestart).toBeGreaterThan(WORKERS); // the load was real
    expect(failed.length).toBeLessThanOrEqual(inFlightAtRestart);
    for (const f of failed) expect(['DATABASE_UNAVAILABLE']).toContain(f.code);
    expect(summary.recoveryMs).toBeLessThanOrEqual(2000);
    expect(summary.okAfterBack).toBeGreaterThan(0);
    expect(health).toBe(200);
  }, 40_000);
});
