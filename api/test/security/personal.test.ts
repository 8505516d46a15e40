// Personal data (domain.md §8): phone and house number masked per field for roles without the permission, an
// explicit reasoned reveal, and no phone or house number in the long-lived logs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { maskAddress, maskPhone } from '../../src/domain/personal';
import { TICKET_CATEGORIES } from '../../src/domain/sla';
import { CREATE_TICKET } from './helpers';

describe('maskAddress', () => {
  it.each([
    ['浦建路100弄5号', '浦建路***'],
    ['浦东新区东方路１２３号', '浦东新区东方路***'],
    ['塘桥新村十二号', '塘桥新村***'],
    ['南泉路', '南泉路'],
    ['88号', '***'],
    ['', ''],
  ])('%s → %s', (input, masked) => expect(maskAddress(input)).toBe(masked));

  it('never keeps a digit', () => {
    fc.assert(fc.property(fc.string(), (s) => !/[0-9０-９]/.test(maskAddress(s) ?? '')), { seed: 12345 });
  });
});

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
let admin: Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
let ops: typeof admin;
let ticketId: string;
let unitA: string;
let unitB: string;
const PHONE = '13812345678';
const ADDRESS = '浦建路100弄5号';

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  admin = await api.signedIn('ADMIN');
  ops = await api.signedIn('OPS');
  const d = await admin('mutation { createDistrict(code: "PD", name: "浦东新区") { id } }');
  const streetId = (await admin('mutation($d: ID!) { createStreet(code: "TQ", name: "塘桥街道", districtId: $d) { id } }', { d: d.data.createDistrict.id })).data.createStreet.id;
  const mk = async (code: string) =>
    (await admin('mutation($s: ID!, $c: String!) { createUnit(code: $c, name: $c, streetId: $s, peerGroup: DEPARTMENT) { id } }', { s: streetId, c: code })).data.createUnit.id as string;
  unitA = await mk('CG');
  unitB = await mk('FG');
  const t = await ops(CREATE_TICKET, { n: 'P-1', s: streetId, u: unitA, c: TICKET_CATEGORIES[0], r: '2023-06-21T01:00:00Z', phone: PHONE, addr: ADDRESS });
  expect(t.errors).toBeUndefined();
  ticketId = t.data.createTicket.id;
});
afterAll(() => db?.close());

const READ = 'query($id: ID!) { Ticket(id: $id) { version citizenPhone address events { before after } } }';

describe('ticket fields', () => {
  it('are masked for a role without the personal-data permission, in the record and in lists', async () => {
    const r = await ops(READ, { id: ticketId });
    expect(r.data.Ticket.citizenPhone).toBe(maskPhone(PHONE));
    expect(r.data.Ticket.address).toBe('浦建路***');
    const list = await ops('{ allTickets { citizenPhone address } }');
    expect(JSON.stringify(list)).not.toMatch(/13812345678|100弄/);
  });

  it('are shown to a user with the permission, and each read is logged', async () => {
    const before = Number((await sql<{ n: number }>`select count(*)::int as n from personal_data_access`.execute(db.db)).rows[0]!.n);
    const r = await admin(READ, { id: ticketId });
    expect(r.data.Ticket.citizenPhone).toBe(PHONE);
    expect(r.data.Ticket.address).toBe(ADDRESS);
    const rows = await db.db.selectFrom('personalDataAccess').select(['field']).orderBy('id').execute();
    expect(rows.length - before).toBe(2);
    expect(rows.slice(-2).map((x) => x.field).sort()).toEqual(['address', 'citizenPhone']);
  });

  it('sent back masked by a whole-record save, do not overwrite the real values', async () => {
    const cur = await ops(READ, { id: ticketId });
    const r = await ops('mutation($id: ID!, $v: Int, $p: String, $a: String) { updateTicket(id: $id, version: $v, citizenPhone: $p, address: $a, topic: "噪音") { id } }', {
      id: ticketId, v: cur.data.Ticket.version, p: cur.data.Ticket.citizenPhone, a: cur.data.Ticket.address,
    });
    expect(r.errors).toBeUndefined();
    const stored = await db.db.selectFrom('ticket').select(['citizenPhone', 'address']).where('id', '=', Number(ticketId)).executeTakeFirstOrThrow();
    expect(stored).toEqual({ citizenPhone: PHONE, address: ADDRESS });
  });
});

describe('revealTicketPersonalData', () => {
  const REVEAL = 'mutation($id: ID!, $r: String!) { revealTicketPersonalData(ticketId: $id, reason: $r) { ticketId citizenPhone address } }';

  it('returns the unmasked phone and address and records the reason', async () => {
    const r = await ops(REVEAL, { id: ticketId, r: '先行联系需要拨打市民电话' });
    expect(r.errors).toBeUndefined();
    expect(r.data.revealTicketPersonalData).toEqual({ ticketId, citizenPhone: PHONE, address: ADDRESS });
    const logged = await db.db.selectFrom('personalDataAccess').select(['field', 'reason', 'ticketId']).where('reason', '=', '先行联系需要拨打市民电话').execute();
    expect(logged.map((x) => x.field).sort()).toEqual(['address', 'citizenPhone']);
  });

  it('needs a reason', async () => {
    for (const reason of ['', ' ', 'x'.repeat(501)]) {
      expect((await ops(REVEAL, { id: ticketId, r: reason })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('is refused to roles without the need, to tokens, and another unit’s handler gets NOT_FOUND', async () => {
    expect((await (await api.signedIn('DISCIPLINE'))(REVEAL, { id: ticketId, r: '查看' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await (await api.signedIn('PARTY_OFFICE'))(REVEAL, { id: ticketId, r: '查看' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await api.signedIn('UNIT_HANDLER', { unitId: Number(unitB) });
    expect((await other(REVEAL, { id: ticketId, r: '联系市民' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const own = await api.signedIn('UNIT_HANDLER', { unitId: Number(unitA) });
    expect((await own(REVEAL, { id: ticketId, r: '联系市民' })).data?.revealTicketPersonalData?.citizenPhone).toBe(PHONE);
    const token = (await admin('mutation { createApiToken(name: "ops", role: OPS) { token } }')).data.createApiToken.token;
    const viaToken = await api.raw(REVEAL, { id: ticketId, r: '联系市民' }, { authorization: `Bearer ${token}` });
    expect(viaToken.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the logs', () => {
  it('audit_log and ticket_event hold no phone number and no house number', async () => {
    const audit = await sql<{ j: string }>`select coalesce(before::text, '') || coalesce(after::text, '') as j from audit_log`.execute(db.db);
    const events = await sql<{ j: string }>`select coalesce(before::text, '') || coalesce(after::text, '') as j from ticket_event`.execute(db.db);
    const text = [...audit.rows, ...events.rows].map((r) => r.j).join('\n');
    for (const line of text.split('\n')) if (/13812345678|100弄/.test(line)) console.log(line);
    expect(text).toContain('浦建路***'); // the road is kept
    expect(text).not.toMatch(/13812345678|100弄|5号/);
  });
});
