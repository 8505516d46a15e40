// The audit log and the other append-only tables, enforced by the database (triggers on both engines; privileges
// of the application role and row-level security on ticket), and one audit row per mutation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { CREATE_TICKET } from './helpers';
import { TICKET_CATEGORIES } from '../../src/domain/sla';

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
let admin: Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
let ops: typeof admin;
let handler: typeof admin;
let streetId: string;
let unitA: string;
let unitB: string;
let ticketId: string;
const PHONE = '13812345678';
const ADDRESS = '浦建路100弄5号';


beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  admin = await api.signedIn('ADMIN');
  ops = await api.signedIn('OPS');
  const d = await admin('mutation { createDistrict(code: "PD", name: "浦东新区") { id } }');
  streetId = (await admin('mutation($d: ID!) { createStreet(code: "TQ", name: "塘桥街道", districtId: $d) { id } }', { d: d.data.createDistrict.id })).data.createStreet.id;
  const mk = async (code: string) =>
    (await admin('mutation($s: ID!, $c: String!) { createUnit(code: $c, name: $c, streetId: $s, peerGroup: DEPARTMENT) { id } }', { s: streetId, c: code })).data.createUnit.id as string;
  unitA = await mk('CG');
  unitB = await mk('FG');
  handler = await api.signedIn('UNIT_HANDLER', { unitId: Number(unitA) });
  const t = await ops(CREATE_TICKET, { n: 'A-1', s: streetId, u: unitA, c: TICKET_CATEGORIES[0], r: '2023-06-21T01:00:00Z', phone: PHONE, addr: ADDRESS });
  expect(t.errors).toBeUndefined();
  ticketId = t.data.createTicket.id;
  await ops(CREATE_TICKET, { n: 'B-1', s: streetId, u: unitB, c: TICKET_CATEGORIES[0], r: '2023-06-21T01:00:00Z' });
});
afterAll(() => db?.close());

const auditCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db.db)).rows[0]!.n);

describe('every mutation writes exactly one audit row', () => {
  const version = async () => (await admin('query($id: ID!) { Ticket(id: $id) { version } }', { id: ticketId })).data.Ticket.version;
  const samples: Array<[string, () => Promise<{ errors?: unknown[] }>]> = [
    ['createTopic (register create)', () => ops('mutation { createTopic(name: "审计主题") { id } }')],
    ['updateTopic (register update)', async () => {
      const t = (await ops('{ allTopics(filter: { q: "审计主题" }) { id version } }')).data.allTopics[0];
      return ops('mutation($id: ID!, $v: Int) { updateTopic(id: $id, version: $v, name: "审计主题二") { id } }', { id: t.id, v: t.version });
    }],
    ['deleteTopic (register delete)', async () => {
      const t = (await ops('{ allTopics(filter: { q: "审计主题二" }) { id } }')).data.allTopics[0];
      return ops('mutation($id: ID!) { deleteTopic(id: $id) { id } }', { id: t.id });
    }],
    ['createTicket (ticket register)', () => ops(CREATE_TICKET, { n: 'A-2', s: streetId, u: unitA, c: TICKET_CATEGORIES[0], r: '2023-06-22T01:00:00Z' })],
    ['updateTicket', async () => ops('mutation($id: ID!, $v: Int) { updateTicket(id: $id, version: $v, topic: "路灯") { id } }', { id: ticketId, v: await version() })],
    ['acceptTicket (workflow)', async () => handler('mutation($id: ID!, $v: Int!) { acceptTicket(id: $id, version: $v) { id } }', { id: ticketId, v: await version() })],
    ['createUser (users)', () => admin('mutation { createUser(username: "audited", password: "long-enough-1", role: OPS) { id } }')],
    ['login', () => api.raw('mutation { login(username: "audited", password: "long-enough-1") { id } }').then((r) => r.body)],
    ['createApiToken', () => admin('mutation { createApiToken(name: "audit", role: API_READER) { id } }')],
    ['revokeApiToken', async () => {
      const id = (await db.db.selectFrom('apiToken').select('id').where('name', '=', 'audit').executeTakeFirstOrThrow()).id;
      return admin('mutation($id: ID!) { revokeApiToken(id: $id) }', { id: String(id) });
    }],
    ['revealTicketPersonalData', () => ops('mutation($id: ID!) { revealTicketPersonalData(ticketId: $id, reason: "回访需要联系市民") { citizenPhone } }', { id: ticketId })],
    ['logout', async () => (await api.as(await api.login('audited', 'long-enough-1'))('mutation { logout }'))],
  ];
  for (const [name, run] of samples) {
    it(name, async () => {
      const before = await auditCount();
      const r = await run();
      expect(r.errors).toBeUndefined();
      // logout's own sample signs in first (one more row for that login)
      expect((await auditCount()) - before).toBe(name === 'logout' ? 2 : 1);
    });
  }

  it('a refused or failed mutation writes none', async () => {
    const before = await auditCount();
    expect((await ops('mutation { createDistrict(code: "X", name: "x") { id } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ops('mutation { createTopic(name: "") { id } }')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await auditCount()).toBe(before);
  });
});

describe('append-only tables', () => {
  for (const table of ['audit_log', 'ticket_event', 'personal_data_access']) {
    it(`${table}: the triggers refuse update and delete (and truncate) on either engine`, async () => {
      expect(Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db.db)).rows[0]!.n)).toBeGreaterThan(0);
      for (const stmt of [sql`update ${sql.table(table)} set at = at`, sql`delete from ${sql.table(table)}`, sql`truncate ${sql.table(table)}`]) {
        await expect(stmt.execute(db.db)).rejects.toThrow(/append-only/);
      }
    });
  }

  it('the application role rexian_app has no UPDATE/DELETE/TRUNCATE on them, even without the triggers', async () => {
    const privileges = async (table: string) => {
      const out: string[] = [];
      for (const p of ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) {
        const r = await sql<{ ok: boolean }>`select has_table_privilege('rexian_app', ${`${db.schema}.${table}`}, ${p}) as ok`.execute(db.db);
        if (r.rows[0]!.ok) out.push(p);
      }
      return out;
    };
    for (const t of ['audit_log', 'ticket_event', 'personal_data_access']) expect(await privileges(t)).toEqual(['SELECT', 'INSERT']);
    expect(await privileges('ticket')).toEqual(['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
    expect(await privileges('kysely_migration')).toEqual([]);
    // As the role itself: the privilege check comes before any trigger.
    await db.db.connection().execute(async (c) => {
      await sql`set role rexian_app`.execute(c);
      try {
        expect((await sql`select count(*) from audit_log`.execute(c)).rows).toHaveLength(1);
        for (const stmt of [sql`update audit_log set operation = 'x'`, sql`delete from audit_log`, sql`truncate audit_log`]) {
          await expect(stmt.execute(c)).rejects.toThrow(/permission denied/);
        }
        await sql`insert into audit_log (operation) values ('as rexian_app')`.execute(c);
      } finally {
        await sql`reset role`.execute(c);
      }
    });
  });

  it('row-level security limits rexian_app to rexian.unit_id, and is permissive when it is unset', async () => {
    await db.db.connection().execute(async (c) => {
      const numbers = async () => (await sql<{ number: string }>`select number from ticket order by number`.execute(c)).rows.map((r) => r.number);
      const all = await numbers();
      await sql`set role rexian_app`.execute(c);
      try {
        expect(await numbers()).toEqual(all);
        await sql`select set_config('rexian.unit_id', ${unitA}, false)`.execute(c);
        expect(await numbers()).toEqual(['A-1', 'A-2']);
        const moved = await sql`update ticket set topic = 'x' where number = 'B-1' returning id`.execute(c);
        expect(moved.rows).toHaveLength(0);
        await sql`select set_config('rexian.unit_id', '', false)`.execute(c);
        expect(await numbers()).toEqual(all);
      } finally {
        await sql`reset role`.execute(c);
        await sql`select set_config('rexian.unit_id', '', false)`.execute(c);
      }
    });
  });

  // Migration 0031 reads the setting once per statement (InitPlans) instead of per row: the same rows as before —
  // a ticket no unit holds is seen only while no unit is set, writes are checked against the unit, and a second
  // street whose unit shares the code CG is told apart by id.
  it('row-level security by unit: unit-less tickets, writes and a second street sharing the unit code', async () => {
    const d = await admin('mutation { createDistrict(code: "PD2", name: "浦东新区二") { id } }');
    const other = (await admin('mutation($d: ID!) { createStreet(code: "HM", name: "花木街道", districtId: $d) { id } }', { d: d.data.createDistrict.id })).data.createStreet.id;
    const otherCg = (await admin('mutation($s: ID!) { createUnit(code: "CG", name: "CG", streetId: $s, peerGroup: DEPARTMENT) { id } }', { s: other })).data.createUnit.id as string;
    expect((await ops(CREATE_TICKET, { n: 'H-1', s: other, u: otherCg, c: TICKET_CATEGORIES[0], r: '2023-06-21T01:00:00Z' })).errors).toBeUndefined();
    const unitless = await ops(CREATE_TICKET, { n: 'U-1', s: streetId, u: null, c: TICKET_CATEGORIES[0], r: '2023-06-21T02:00:00Z' });
    expect(unitless.errors).toBeUndefined();
    await db.db.connection().execute(async (c) => {
      const numbers = async () => (await sql<{ number: string }>`select number from ticket where number in ('A-1', 'B-1', 'H-1', 'U-1') order by number`.execute(c)).rows.map((r) => r.number);
      const count = async () => Number((await sql<{ n: string }>`select count(*) as n from ticket where number in ('A-1', 'B-1', 'H-1', 'U-1')`.execute(c)).rows[0]!.n);
      const scope = (unit: string) => sql`select set_config('rexian.unit_id', ${unit}, false)`.execute(c);
      await sql`set role rexian_app`.execute(c);
      try {
        await sql`reset rexian.unit_id`.execute(c);
        expect(await numbers()).toEqual(['A-1', 'B-1', 'H-1', 'U-1']);
        await scope(unitA);
        expect(await numbers()).toEqual(['A-1']);
        expect(await count()).toBe(1);
        await scope(otherCg);
        expect(await numbers()).toEqual(['H-1']);
        // Writes: the row written must belong to the unit set.
        await scope(unitA);
        await expect(sql`update ticket set unit_id = ${Number(unitB)} where number = 'A-1'`.execute(c)).rejects.toThrow(/row-level security/);
        await expect(sql`insert into ticket (number, street_id, category, received_at) values ('U-2', ${Number(streetId)}, 'COMPLAINT', now())`.execute(c)).rejects.toThrow(/row-level security/);
        await expect(sql`insert into ticket (number, street_id, unit_id, category, received_at) values ('B-2', ${Number(streetId)}, ${Number(unitB)}, 'COMPLAINT', now())`.execute(c)).rejects.toThrow(/row-level security/);
        expect((await sql`update ticket set topic = '路灯' where number = 'U-1' returning id`.execute(c)).rows).toHaveLength(0);
        await scope('');
        expect(await count()).toBe(4);
      } finally {
        await sql`reset role`.execute(c);
        await scope('');
      }
    });
  });
});
