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

describe('free text (诉求内容, 答复, 回访备注 …)', () => {
  // A second street with a unit of the same name as the first street's: the handler below belongs to this one.
  const CONTENT = '浦建路100弄5号302室楼上装修噪声，联系电话13812345678';
  const REPLY = '已电话联系市民（13812345678），到100弄现场查看';
  const LEAKS = /13812345678|100弄|302室|5号/;
  let street2: string;
  let unit2: string;
  let t2: string;
  let handler: typeof admin;
  let privileged: typeof admin;
  const TEXTS = `query($id: ID!) { Ticket(id: $id) { version content replyText callbacks { note } events { note before after } writableFields } }`;

  beforeAll(async () => {
    const d = (await admin('{ allDistricts { id } }')).data.allDistricts[0].id;
    street2 = (await admin('mutation($d: ID!) { createStreet(code: "LJZ", name: "陆家嘴街道", districtId: $d) { id } }', { d })).data.createStreet.id;
    unit2 = (await admin('mutation($s: ID!) { createUnit(code: "CG", name: "CG", streetId: $s, peerGroup: DEPARTMENT) { id } }', { s: street2 })).data.createUnit.id;
    const t = await ops(
      'mutation($s: ID!, $u: ID!, $c: String!) { createTicket(number: "P-2", streetId: $s, unitId: $u, category: COMPLAINT, receivedAt: "2023-06-21T01:00:00Z", address: "浦建路100弄5号", citizenPhone: "13812345678", content: $c) { id } }',
      { s: street2, u: unit2, c: CONTENT },
    );
    expect(t.errors).toBeUndefined();
    t2 = t.data.createTicket.id;
    handler = await api.signedIn('UNIT_HANDLER', { unitId: Number(unit2) });
    privileged = await api.signedIn('OPS', { canReadPersonalData: true });
    const cur = await handler(TEXTS, { id: t2 });
    const r = await handler('mutation($id: ID!, $v: Int, $t: String) { updateTicket(id: $id, version: $v, replyText: $t) { id } }', { id: t2, v: cur.data.Ticket.version, t: REPLY });
    expect(r.errors).toBeUndefined();
    await db.db.insertInto('callback').values({ ticketId: Number(t2), calledAt: new Date('2023-06-25T02:00:00Z'), result: 'SATISFIED', note: '回访13812345678，市民称100弄5号噪声已停止' }).execute();
  });

  it('are masked like the phone and the address for a reader without the permission', async () => {
    for (const who of [ops, handler]) {
      const r = await who(TEXTS, { id: t2 });
      expect(r.errors).toBeUndefined();
      expect(r.data.Ticket.content).toBe('浦建路***楼上装修噪声，联系电话138****5678');
      expect(r.data.Ticket.replyText).toBe('已电话联系市民（138****5678），到***现场查看');
      expect(JSON.stringify(r.data)).not.toMatch(LEAKS);
    }
  });

  it('are shown whole to a reader with the permission, and the read is logged', async () => {
    const before = await db.db.selectFrom('personalDataAccess').select('id').execute();
    const r = await privileged(TEXTS, { id: t2 });
    expect(r.data.Ticket.content).toBe(CONTENT);
    expect(r.data.Ticket.callbacks[0].note).toContain('13812345678');
    const fields = (await db.db.selectFrom('personalDataAccess').select(['field', 'ticketId']).where('id', 'not in', before.map((x) => x.id)).execute());
    expect(fields.map((x) => x.field)).toEqual(expect.arrayContaining(['content', 'replyText', 'callback.note']));
  });

  it('are returned whole by revealTicketPersonalData, with the reason logged', async () => {
    const r = await handler('mutation($id: ID!) { revealTicketPersonalData(ticketId: $id, reason: "回电市民") { content replyText } }', { id: t2 });
    expect(r.data.revealTicketPersonalData).toEqual({ content: CONTENT, replyText: REPLY });
  });

  it('cannot be searched for their masked parts by a reader without the permission', async () => {
    const find = (who: typeof admin, filter: object) => who('query($f: TicketFilter) { allTickets(filter: $f) { id } }', { f: filter }).then((r) => r.data.allTickets.map((x: { id: string }) => x.id));
    for (const q of ['100弄5号', '5号302', '13812345678', '1381234']) {
      expect(await find(ops, { q })).toEqual([]);
      expect(await find(privileged, { q })).toContain(t2);
    }
    expect(await find(ops, { q: '装修噪声' })).toEqual([t2]);
    expect(await find(ops, { content: CONTENT })).toEqual([]);
    expect(await find(privileged, { content: CONTENT })).toEqual([t2]);
  });

  it('sent back masked by a whole-record save keep what the masks hid', async () => {
    const cur = (await handler(TEXTS, { id: t2 })).data.Ticket;
    const r = await handler('mutation($id: ID!, $v: Int, $t: String) { updateTicket(id: $id, version: $v, replyText: $t) { id } }', {
      id: t2, v: cur.version, t: `${cur.replyText}，已整改`,
    });
    expect(r.errors).toBeUndefined();
    const stored = await db.db.selectFrom('ticket').select(['replyText', 'content']).where('id', '=', Number(t2)).executeTakeFirstOrThrow();
    expect(stored).toEqual({ replyText: `${REPLY}，已整改`, content: CONTENT });
  });
});

describe('a unit handler’s edit', () => {
  const WHOLE = `mutation($id: ID!, $v: Int, $u: ID, $c: String, $a: String, $p: String, $t: String, $cat: TicketCategory) {
    updateTicket(id: $id, version: $v, unitId: $u, content: $c, address: $a, citizenPhone: $p, replyText: $t, category: $cat) { id replyText } }`;

  it('lists the fields it may change', async () => {
    const own = await api.signedIn('UNIT_HANDLER', { unitId: Number(unitA) });
    const mine = (await own('query($id: ID!) { Ticket(id: $id) { writableFields } }', { id: ticketId })).data.Ticket.writableFields;
    expect([...mine].sort()).toEqual(['demand', 'factBasis', 'factFinding', 'firstContactAt', 'replyText', 'resolution', 'siteVisit']);
    const all = (await ops('query($id: ID!) { Ticket(id: $id) { writableFields } }', { id: ticketId })).data.Ticket.writableFields;
    expect(all).toEqual(expect.arrayContaining(['unitId', 'content', 'address', 'replyText']));
    expect((await (await api.signedIn('DISCIPLINE'))('query($id: ID!) { Ticket(id: $id) { writableFields } }', { id: ticketId })).data.Ticket.writableFields).toEqual([]);
  });

  it('accepts the whole record sent back unchanged, and refuses a change naming the field in Chinese', async () => {
    const own = await api.signedIn('UNIT_HANDLER', { unitId: Number(unitA) });
    const read = async () => (await own('query($id: ID!) { Ticket(id: $id) { version unitId content address citizenPhone category } }', { id: ticketId })).data.Ticket;
    let cur = await read();
    const same = { id: ticketId, v: cur.version, u: cur.unitId, c: cur.content, a: cur.address, p: cur.citizenPhone, cat: cur.category };
    const ok = await own(WHOLE, { ...same, t: '已答复' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.updateTicket.replyText).toBe('已答复');
    cur = await read();
    const refused = await own(WHOLE, { ...same, v: cur.version, u: unitB, c: '改了内容', t: '再答复' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.extensions?.fieldErrors).toEqual({ unitId: '“承办单位”不能由处置单位修改', content: '“诉求内容”不能由处置单位修改' });
    expect(refused.errors?.[0]?.message).not.toMatch(/[a-z]/i);
    const stored = await db.db.selectFrom('ticket').select(['unitId', 'replyText']).where('id', '=', Number(ticketId)).executeTakeFirstOrThrow();
    expect(stored).toEqual({ unitId: Number(unitA), replyText: '已答复' });
  });
});

describe('the logs', () => {
  it('audit_log and ticket_event hold no phone number and no house number', async () => {
    const audit = await sql<{ j: string }>`select coalesce(before::text, '') || coalesce(after::text, '') as j from audit_log`.execute(db.db);
    const events = await sql<{ j: string }>`select coalesce(before::text, '') || coalesce(after::text, '') as j from ticket_event`.execute(db.db);
    const notes = await sql<{ j: string }>`select coalesce(note, '') as j from ticket_event`.execute(db.db);
    const text = [...audit.rows, ...events.rows, ...notes.rows].map((r) => r.j).join('\n');
    expect(text).toContain('浦建路***'); // the road is kept
    expect(text).toContain('装修噪声'); // the free text is there, without its numbers
    expect(text).not.toMatch(/13812345678|100弄|5号|302室/);
  });
});
