// A read replica (DATABASE_READ_URL, db/replica.ts): lists, counts and rankings of query operations read from a second
// pool; mutations, the reads of a mutation's request and a ticket page stay on the primary; row-level security holds
// on the replica's connections; a replica that is down fails its reads plainly while writes go on.
//
// PostgreSQL only. The "replica" is the same database through a second pool (application_name rexian-read), and each
// pool's statements are counted apart, like api/statements.test.ts counts them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { openDatabase, type OpenedDatabase } from '../../src/db/connection';
import { onReplica, readerOf } from '../../src/db/replica';

const url = process.env.DATABASE_URL;
if (!url) console.log('[read-replica] skipped: needs DATABASE_URL (a read replica is a PostgreSQL feature; PGlite ignores DATABASE_READ_URL)');

const TICKETS_A = 30;
const TICKETS_B = 12;

describe('DATABASE_READ_URL with the embedded PGlite', () => {
  it('is ignored, with a warning at start-up', async () => {
    const warnings: string[] = [];
    const origWarn = console.warn;
    console.warn = (...a: unknown[]) => void warnings.push(a.map(String).join(' '));
    try {
      const embedded = await openDatabase({ memory: true, readUrl: 'postgres://replica.invalid/rexian' });
      expect(embedded.readDb).toBeUndefined();
      await embedded.close();
    } finally {
      console.warn = origWarn;
    }
    expect(warnings.join('\n')).toMatch(/DATABASE_READ_URL is ignored by the embedded PGlite/);
  });
});

describe.skipIf(!url)('a read replica (DATABASE_READ_URL)', () => {
  let db: TestDatabase;
  let opened: OpenedDatabase;
  const primary: string[] = [];
  const replica: string[] = [];
  let api: ReturnType<typeof testApi>;
  let admin: Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
  let clerk: ReturnType<ReturnType<typeof testApi>['as']>;
  let streets: Array<{ id: number }>;
  let units: Array<{ id: number; streetId: number }>;
  let ticketId: number;

  beforeAll(async () => {
    db = await createTestDatabase('none');
    const k = db.db;
    const district = await k.insertInto('district').values({ code: 'RD', name: '副本区' }).returning('id').executeTakeFirstOrThrow();
    streets = await k.insertInto('street').values([
      { code: 'RA', name: '甲街道', districtId: district.id },
      { code: 'RB', name: '乙街道', districtId: district.id },
    ]).returning('id').execute();
    units = await k.insertInto('unit').values(streets.map((s, i) => ({ code: `RU${i}`, name: `单位${i}`, streetId: s.id, peerGroup: 'DEPARTMENT' as const }))).returning(['id', 'streetId']).execute();
    const rows = [...Array(TICKETS_A + TICKETS_B).keys()].map((i) => {
      const s = i < TICKETS_A ? 0 : 1;
      return {
        number: `RR-${i}`,
        streetId: streets[s]!.id,
        unitId: units[s]!.id,
        category: 'COMPLAINT',
        receivedAt: new Date(Date.UTC(2023, 5, 1, 0, i)),
        firstContactDue: new Date(Date.UTC(2023, 5, 2)),
        completionDue: new Date(Date.UTC(2023, 5, 9)),
      };
    });
    ticketId = (await k.insertInto('ticket').values(rows).returning('id').execute())[0]!.id;

    opened = await openDatabase({
      databaseUrl: url,
      readUrl: url,
      searchPath: db.schema,
      poolMax: 3,
      log: (text, pool) => (pool === 'read' ? replica : primary).push(text),
    });
    api = testApi({ ...db, appDb: opened.appDb } as TestDatabase);
    admin = await api.signedIn('ADMIN');
    const { createUser } = await import('../../src/repos/auth');
    await createUser(db.db, { username: 'replica-clerk', password: 'password-123', role: 'OPS', streetId: streets[0]!.id });
    clerk = api.as(await api.login('replica-clerk', 'password-123'));
  });

  afterAll(async () => {
    await opened?.close();
    await db?.close();
  });

  /** The statements each pool ran for one request. */
  async function measure(run: () => Promise<{ errors?: unknown; data?: any }>) {
    const p = primary.length;
    const r = replica.length;
    const result = await run();
    return { result, primary: primary.slice(p), replica: replica.slice(r) };
  }
  const readsTicket = (s: string) => /from "ticket"/i.test(s);

  it('reads through a second pool that tells itself apart (application_name) and runs as the application role', async () => {
    expect(opened.readDb).toBeDefined();
    const { rows } = await sql<{ app: string; role: string }>`select current_setting('application_name') as app, current_user as role`.execute(opened.readDb!);
    expect(rows[0]!.app).toBe('rexian-read');
    expect(rows[0]!.role).toBe('rexian_app');
  });

  it('serves a list with its count from the read pool', async () => {
    const m = await measure(() => admin(`{ allTickets(perPage: 10, sortField: "receivedAt", sortOrder: "DESC") { id number unit { name } } _allTicketsMeta { count } }`));
    expect(m.result.errors).toBeUndefined();
    expect(m.result.data.allTickets).toHaveLength(10);
    expect(m.result.data._allTicketsMeta.count).toBe(TICKETS_A + TICKETS_B);
    expect(m.replica.filter(readsTicket)).toHaveLength(1); // rows and count in one statement, on the replica
    expect(m.primary.filter(readsTicket)).toEqual([]);
    console.log(JSON.stringify({ scenario: 'list', primary: m.primary.length, replica: m.replica.length }));
  });

  it('serves a ranking from the read pool', async () => {
    const m = await measure(() => admin(`query($s: ID!) { unitRanking(streetId: $s, month: "2023-06") { unit { name } } }`, { s: String(streets[0]!.id) }));
    expect(m.result.errors).toBeUndefined();
    expect(m.replica.length).toBeGreaterThan(0);
    // The stored counts and the snapshot on the replica; the primary only has the session and the street/unit loaders.
    expect(m.replica.some((s) => /kpi_monthly_count|kpi_daily_count/.test(s))).toBe(true);
    expect(m.primary.filter((s) => /kpi_monthly_count|kpi_daily_count|ranking_snapshot|scoring_scheme/.test(s))).toEqual([]);
    console.log(JSON.stringify({ scenario: 'unitRanking', primary: m.primary.length, replica: m.replica.length }));
  });

  it('serves a report’s content (a 周报) from the read pool', async () => {
    const m = await measure(() => admin(`query($s: ID) { reportContent(kind: WEEKLY, streetId: $s, period: "2023-W24") }`, { s: String(streets[0]!.id) }));
    expect(m.result.errors).toBeUndefined();
    expect(m.result.data.reportContent.kind).toBe('WEEKLY');
    expect(m.replica.some((s) => /kpi_monthly_count|kpi_daily_count/.test(s))).toBe(true);
    expect(m.primary.filter((s) => /kpi_monthly_count|kpi_daily_count|from "?ticket"? /.test(s))).toEqual([]);
    console.log(JSON.stringify({ scenario: 'reportContent', primary: m.primary.length, replica: m.replica.length }));
  });

  it('keeps a mutation and the reads of its request on the primary', async () => {
    const m = await measure(() =>
      admin(`mutation($s: ID!) { createUnit(code: "RU9", name: "新单位", peerGroup: DEPARTMENT, streetId: $s) { id name street { name } } }`, { s: String(streets[0]!.id) }),
    );
    expect(m.result.errors).toBeUndefined();
    expect(m.result.data.createUnit.street.name).toBe('甲街道');
    expect(m.replica).toEqual([]);
    expect(m.primary.some((s) => /insert into "unit"/i.test(s))).toBe(true);
    // A ticket page (read-your-writes after a save) stays on the primary too.
    const page = await measure(() => admin(`query($id: ID!) { Ticket(id: $id) { id number status } }`, { id: String(ticketId) }));
    expect(page.result.errors).toBeUndefined();
    expect(page.replica).toEqual([]);
  });

  it('confines a street clerk on the read pool: row-level security with the street set on the replica connection', async () => {
    const m = await measure(() => clerk(`{ allTickets(perPage: 100) { id number } _allTicketsMeta { count } }`));
    expect(m.result.errors).toBeUndefined();
    expect(m.result.data._allTicketsMeta.count).toBe(TICKETS_A);
    expect(m.replica.some((s) => /set_config\('rexian.street_id'/.test(s))).toBe(true);
    expect(m.replica.filter(readsTicket)).toHaveLength(1);
    expect(m.primary.filter(readsTicket)).toEqual([]);

    // The database itself confines: an unfiltered count on the confined replica connection sees one street only.
    const ctx = { db: opened.appDb };
    const count = async (streetId: number) =>
      onReplica(ctx, opened.readDb!, { streetId, unitId: null }, async () =>
        Number((await sql<{ n: number }>`select count(*)::int as n from ticket`.execute(readerOf(ctx))).rows[0]!.n));
    expect(await count(streets[0]!.id)).toBe(TICKETS_A);
    expect(await count(streets[1]!.id)).toBe(TICKETS_B);
    // And the settings are cleared before the connection goes back: the next reader sees every street.
    const all = await sql<{ n: number; street: string }>`select count(*)::int as n, current_setting('rexian.street_id', true) as street from ticket`.execute(opened.readDb!);
    expect(all.rows[0]!.street ?? '').toBe('');
  });

  it('fails reads plainly (DATABASE_UNAVAILABLE) when the replica is down, and writes still work', async () => {
    const down = await openDatabase({ databaseUrl: url, readUrl: 'postgres://postgres@127.0.0.1:1/none', searchPath: db.schema, poolMax: 2, connectionTimeoutMs: 300 });
    const errors: string[] = [];
    const origError = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.map(String).join(' '));
    try {
      const downApi = testApi({ ...db, appDb: down.appDb } as TestDatabase);
      const downAdmin = await downApi.signedIn('ADMIN'); // login: a mutation on the primary
      const list = await downAdmin(`{ allTickets(perPage: 5) { id } _allTicketsMeta { count } }`);
      expect(list.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      expect(list.errors?.[0]?.message).toMatch(/数据库暂时不可用/);
      expect(errors.join('\n')).toMatch(/read replica \(DATABASE_READ_URL\)/); // the log says which database
      const write = await downAdmin(`mutation($s: ID!) { createUnit(code: "RU8", name: "副本停机时新建", peerGroup: DEPARTMENT, streetId: $s) { id name } }`, { s: String(streets[1]!.id) });
      expect(write.errors).toBeUndefined();
      expect(write.data.createUnit.name).toBe('副本停机时新建');
      const page = await downAdmin(`query($id: ID!) { Ticket(id: $id) { id number } }`, { id: String(ticketId) });
      expect(page.errors).toBeUndefined();
    } finally {
      console.error = origError;
      await down.close();
    }
  });
});
