// Live updates (issue 12 item 6): GraphQL subscriptions over server-sent events, fed by the database's own
// notifications (migration 0022), so a change made through one API process reaches subscribers of another within
// 2 s — and a street account never hears of another street's rows. The embedded database covers one process; the
// two-process case needs PostgreSQL (DATABASE_URL) and is skipped without it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import type { Change } from '../../src/live/feed';
import { changeFor } from '../../src/live/scope';
import type { Principal } from '../../src/repos/auth';

const PASSWORD = 'admin-password';

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, cookie?: string) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ query, variables }) });
  return { res, body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

async function login(url: string, username: string): Promise<string> {
  const { res, body } = await gql(url, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', { u: username, p: PASSWORD });
  if (body.errors) throw new Error(`login ${username}: ${body.errors[0]!.message}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** A subscription over SSE: `next()` awaits the next event (rejecting after `ms`), `opened` the server's first ping. */
async function subscribe(url: string, cookie: string, query: string, variables: Record<string, unknown> = {}) {
  const abort = new AbortController();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', cookie },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: any[] = [];
  const waiting: Array<() => void> = [];
  let opened!: () => void;
  const openedP = new Promise<void>((r) => (opened = r));
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (block.startsWith(':')) opened();
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (/^event: next$/m.test(block) && data) {
            events.push(JSON.parse(data));
            waiting.splice(0).forEach((w) => w());
          }
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    opened: openedP,
    async next(ms = 2_000): Promise<any> {
      const deadline = Date.now() + ms;
      while (!events.length) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${ms} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiting.push(() => (clearTimeout(t), resolve()));
        });
      }
      return events.shift();
    },
    close: () => abort.abort(),
  };
}

/** A ticket of each of two streets (塘桥 TQ, 花木 HM in the demo). */
async function ticketOf(db: TestDatabase, streetCode: string): Promise<{ id: number; streetId: number }> {
  const r = await sql<{ id: number; streetId: number }>`select t.id, t.street_id from ticket t join street s on s.id = t.street_id where s.code = ${streetCode} order by t.id limit 1`.execute(db.db);
  return r.rows[0]!;
}

const CHANGES = 'subscription { changes { table ids streetIds } }';
const TICKET_CHANGED = 'subscription($id: ID!) { ticketChanged(id: $id) { id difficult streetId } }';

describe('which changes a caller hears (live/scope.ts)', () => {
  const who = (streetId: number | null, role = 'OPS', unitId: number | null = null) => ({ role, streetId, unitId }) as unknown as Principal;
  const change = (streets: number[] | null, units: number[] | null, ids: number[] | null = [1, 2]): Change => ({ table: 'ticket', ids, streets, units });
  it('a district account hears every street; a street account its own only, without ids of a mixed statement', () => {
    expect(changeFor(who(null), change([1, 2], [5]))).toEqual(change([1, 2], [5]));
    expect(changeFor(who(1), change([2], [5]))).toBeNull();
    expect(changeFor(who(1), change([1], [5]))).toEqual(change([1], [5]));
    expect(changeFor(who(1), change([1, 2], [5, 6]))).toEqual({ table: 'ticket', ids: null, streets: [1], units: null });
    expect(changeFor(who(1), change(null, null, null))).toEqual({ table: 'ticket', ids: null, streets: [1], units: null });
  });
  it('a unit handler hears its unit’s changes only', () => {
    expect(changeFor(who(1, 'UNIT_HANDLER', 5), change([1], [6]))).toBeNull();
    expect(changeFor(who(1, 'UNIT_HANDLER', 5), change([1], [5]))).toEqual({ table: 'ticket', ids: [1, 2], streets: [1], units: [5] });
    expect(changeFor(who(1, 'UNIT_HANDLER', 5), change([1], [5, 6]))?.ids).toBeNull();
  });
});

// One demo database for the file (on PostgreSQL, seeding it is the slow part); each server below is closed first.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('demo');
}, 600_000);
afterAll(async () => {
  await db?.close();
});

describe('live updates in one process', () => {
  let app: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    app = await startServer({ opened: { ...db, close: async () => {} }, port: 0, host: '127.0.0.1', seed: 'none', quiet: true, adminPassword: PASSWORD });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('tells each street account of its own street’s ticket changes only, whoever wrote them', async () => {
    const tq = await ticketOf(db, 'TQ');
    const hm = await ticketOf(db, 'HM');
    const tqOps = await subscribe(app.url, await login(app.url, 'ops'), CHANGES);
    const hmOps = await subscribe(app.url, await login(app.url, 'hm-ops'), CHANGES);
    await Promise.all([tqOps.opened, hmOps.opened]);
    // Written straight to the database, as a job or an import would: the trigger announces it, not the resolver.
    await sql`update ticket set difficult = not difficult where id = ${tq.id}`.execute(db.db);
    await sql`update ticket set difficult = not difficult where id = ${hm.id}`.execute(db.db);
    expect((await tqOps.next()).data.changes).toEqual({ table: 'TICKET', ids: [String(tq.id)], streetIds: [String(tq.streetId)] });
    // 花木's first event is its own ticket: 塘桥's change, made before it, never reached it.
    expect((await hmOps.next()).data.changes).toEqual({ table: 'TICKET', ids: [String(hm.id)], streetIds: [String(hm.streetId)] });
    tqOps.close();
    hmOps.close();
  });

  it('sends an open ticket’s new content, and refuses another street’s ticket', async () => {
    const tq = await ticketOf(db, 'TQ');
    const hm = await ticketOf(db, 'HM');
    const cookie = await login(app.url, 'ops');
    const own = await subscribe(app.url, cookie, TICKET_CHANGED, { id: String(tq.id) });
    await own.opened;
    const before = (await sql<{ difficult: boolean }>`select difficult from ticket where id = ${tq.id}`.execute(db.db)).rows[0]!.difficult;
    await sql`update ticket set difficult = ${!before} where id = ${tq.id}`.execute(db.db);
    expect((await own.next()).data.ticketChanged).toMatchObject({ id: String(tq.id), difficult: !before });
    own.close();

    const other = await subscribe(app.url, cookie, TICKET_CHANGED, { id: String(hm.id) });
    const refused = await other.next();
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    other.close();
  });

  it('refuses anonymous subscribers', async () => {
    const anon = await subscribe(app.url, '', CHANGES);
    expect((await anon.next()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    anon.close();
  });
});

describe.skipIf(!process.env.DATABASE_URL)('live updates across two API processes on one PostgreSQL', () => {
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  beforeAll(async () => {
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db.db)).rows[0]!.s;
    const root = path.resolve(__dirname, '../..');
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/helpers/child-server.ts')], {
        cwd: root,
        env: { ...process.env, REXIAN_CHILD_SCHEMA: schema, REXIAN_CHILD_TEMPLATE: '' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      const line = await new Promise<string>((resolve, reject) => {
        readline.createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`child server exited with ${code}`)));
      });
      urls.push(JSON.parse(line).url);
    }
  }, 300_000);
  afterAll(async () => {
    await Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : (c.once('exit', resolve), c.kill('SIGTERM'))))));
  });

  it('a ticket changed through process A reaches a subscriber of process B within 2 s', async () => {
    const [a, b] = urls as [string, string];
    const tq = await ticketOf(db, 'TQ');
    const onB = await subscribe(b, await login(b, 'ops'), TICKET_CHANGED, { id: String(tq.id) });
    const workOnB = await subscribe(b, await login(b, 'hm-ops'), CHANGES);
    await Promise.all([onB.opened, workOnB.opened]);
    const opsA = await login(a, 'ops');
    const { body: read } = await gql(a, 'query($id: ID!) { Ticket(id: $id) { id version difficult } }', { id: String(tq.id) }, opsA);
    const t = read.data.Ticket;
    const started = performance.now();
    const { body } = await gql(a, 'mutation($id: ID!, $v: Int, $d: Boolean) { updateTicket(id: $id, version: $v, difficult: $d) { id difficult } }', { id: t.id, v: t.version, d: !t.difficult }, opsA);
    expect(body.errors).toBeUndefined();
    const event = await onB.next(2_000);
    const latencyMs = Math.round(performance.now() - started);
    expect(event.data.ticketChanged).toMatchObject({ id: t.id, difficult: !t.difficult });
    console.log(JSON.stringify({ liveAcrossProcesses: { latencyMs } }));
    // 花木's subscriber on B heard nothing of it: its first event is a change of its own street.
    const hm = await ticketOf(db, 'HM');
    await sql`update ticket set difficult = not difficult where id = ${hm.id}`.execute(db.db);
    expect((await workOnB.next()).data.changes.ids).toEqual([String(hm.id)]);
    onB.close();
    workOnB.close();
  });
});
