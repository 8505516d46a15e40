// String length caps (security/stringLimits.ts): every string argument, variable, default and nested value is
// checked before anything executes — a 100,000-character search is refused in milliseconds without a query on the
// tickets, the limit itself passes and one more character does not, and a long string deep in a sheet row is found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { CREATE_TICKET } from './helpers';
import { resources } from '../../src/schema/resource';
import { LONG_TEXT_FIELDS, MAX_LONG_TEXT_LENGTH, MAX_SEARCH_LENGTH, MAX_STRING_LENGTH } from '../../src/security/stringLimits';

let db: TestDatabase;
let ops: Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
let ticket: { id: string; version: number };
let unitId: string;
let itemId: string;

const META = 'query($f: TicketFilter) { _allTicketsMeta(filter: $f) { count } }';
const SAVE = 'mutation($rows: [JSON!]!) { saveSheet(resource: "NegativeRecord", rows: $rows) { ok errors { row field message } } }';
const x = (n: number, c = '查') => c.repeat(n);

/** SQL statements of one call that touch a table (the session lookup before it is not one of them). */
async function sqlOn(table: string, call: () => Promise<unknown>) {
  db.queries.reset();
  const t0 = performance.now();
  const result = await call();
  const ms = performance.now() - t0;
  return { result: result as any, ms, statements: db.queries.log.filter((s) => s.includes(`"${table}"`)) };
}

beforeAll(async () => {
  db = await createTestDatabase('none');
  const api = testApi(db);
  const admin = await api.signedIn('ADMIN');
  ops = await api.signedIn('OPS');
  const d = await admin('mutation { createDistrict(code: "SL", name: "限长区") { id } }');
  const s = (await admin('mutation($d: ID!) { createStreet(code: "SL", name: "限长街道", districtId: $d) { id } }', { d: d.data.createDistrict.id })).data.createStreet.id;
  unitId = (await admin('mutation($s: ID!) { createUnit(code: "SL1", name: "限长单位", streetId: $s, peerGroup: DEPARTMENT) { id } }', { s })).data.createUnit.id;
  ticket = (await admin(CREATE_TICKET, { n: 'SL-1', s, c: 'COMPLAINT', r: '2023-06-21T01:00:00Z' })).data.createTicket;
  await admin('mutation($id: ID!, $v: Int, $c: String) { updateTicket(id: $id, version: $v, content: $c) { version } }', { id: ticket.id, v: ticket.version, c: `路灯不亮${x(96, '灯')}` });
  itemId = (await ops('mutation { createNegativeItem(code: "SLN", title: "随意退单", points: 0.5) { id } }')).data.createNegativeItem.id;
});
afterAll(() => db?.close());

describe('search q', () => {
  it('a 100,000-character q is refused with BAD_USER_INPUT in < 100 ms, naming 搜索, and no ticket query runs', async () => {
    for (const send of [
      () => ops(META, { f: { q: x(100_000) } }), // in a variable
      () => ops(`{ _allTicketsMeta(filter: { q: "${x(100_000)}" }) { count } }`), // written in the document
      () => ops(`query($q: String = "${x(100_000)}") { allTickets(filter: { q: $q }) { id } }`), // a variable's default
    ]) {
      // The fastest of three: the machine running the tests may be busy, the refusal itself is not.
      const tries = [await sqlOn('ticket', send), await sqlOn('ticket', send), await sqlOn('ticket', send)];
      const { result, statements } = tries[2]!;
      const ms = Math.min(...tries.map((t) => t.ms));
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors[0].message).toBe('“搜索”过长：最多 100 个字符（收到 100000 个）');
      expect(result.errors[0].extensions.fieldErrors).toEqual({ q: '最多 100 个字符' });
      expect(result.data ?? null).toBeNull();
      expect(statements).toEqual([]);
      console.log(JSON.stringify({ scenario: 'search-100k-refused', engine: db.kind, ms: Math.round(ms * 10) / 10, firstMs: Math.round(tries[0]!.ms) }));
      expect(ms).toBeLessThan(100);
    }
  });

  it('the limit itself passes and one more character is refused (also in sheetRows JSON filters)', async () => {
    const atLimit = await sqlOn('ticket', () => ops(META, { f: { q: `路灯不亮${x(MAX_SEARCH_LENGTH - 4, '灯')}` } }));
    expect(atLimit.result.errors).toBeUndefined();
    expect(atLimit.result.data._allTicketsMeta.count).toBe(1);
    expect(atLimit.statements.length).toBeGreaterThan(0);
    console.log(JSON.stringify({ scenario: 'search-100-chars', engine: db.kind, ms: Math.round(atLimit.ms * 10) / 10 }));
    const over = await ops(META, { f: { q: x(MAX_SEARCH_LENGTH + 1) } });
    expect(over.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const sheetFilter = await ops('query($f: JSON) { sheetRows(resource: "NegativeRecord", filter: $f) { total } }', { f: { q: x(MAX_SEARCH_LENGTH + 1) } });
    expect(sheetFilter.errors?.[0]?.message).toContain('“搜索”过长');
  });
});

describe('other strings', () => {
  it('an ordinary argument passes at 2,000 characters (its own rule answers) and is refused at 2,001', async () => {
    const CREATE = 'mutation($t: String!) { createNegativeItem(code: "SLX", title: $t, points: 1) { id } }';
    const at = await ops(CREATE, { t: x(MAX_STRING_LENGTH) });
    expect(at.errors?.[0]?.extensions?.fieldErrors).toEqual({ title: '事项不能超过 200 个字' }); // the field's own, smaller rule
    const over = await ops(CREATE, { t: x(MAX_STRING_LENGTH + 1) });
    expect(over.errors?.[0]?.message).toBe('“事项”过长：最多 2000 个字符（收到 2001 个）');
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: { title: '最多 2000 个字符' }, maxLength: 2000 });
    const list = await ops('query($n: [String!]!) { ticketsByNumber(numbers: $n) { id } }', { n: ['SL-1', x(MAX_STRING_LENGTH + 1)] });
    expect(list.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT'); // inside a list
  });

  it('long text (诉求内容) passes the cap at 20,000 (its own 4,000 rule answers) and is refused at 20,001', async () => {
    const UPDATE = 'mutation($id: ID!, $v: Int, $c: String) { updateTicket(id: $id, version: $v, content: $c) { version } }';
    const v = (await ops('query($id: ID!) { Ticket(id: $id) { version } }', { id: ticket.id })).data.Ticket.version;
    const at = await ops(UPDATE, { id: ticket.id, v, c: x(MAX_LONG_TEXT_LENGTH) });
    expect(at.errors?.[0]?.extensions?.fieldErrors).toEqual({ content: '诉求内容不能超过 4000 个字' });
    const { result, statements } = await sqlOn('ticket', () => ops(UPDATE, { id: ticket.id, v, c: x(MAX_LONG_TEXT_LENGTH + 1) }));
    expect(result.errors?.[0]?.message).toBe('“诉求内容”过长：最多 20000 个字符（收到 20001 个）');
    expect(statements).toEqual([]);
  });

  it('a long string nested in a sheet row is refused naming the row and column, and nothing is written', async () => {
    const row = (note: string) => ({ unitId, itemId, date: '2023-10-01', note });
    const { result, statements } = await sqlOn('negativeRecord', () => ops(SAVE, { rows: [row('正常'), row(x(MAX_LONG_TEXT_LENGTH + 1))] }));
    expect(result.errors?.[0]?.message).toBe('第 2 行“备注”过长：最多 20000 个字符（收到 20001 个）');
    expect(result.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', row: 2, fieldErrors: { note: '最多 20000 个字符' } });
    expect(statements).toEqual([]);
    // Written in the document instead of a variable: the same.
    const inline = await ops(`mutation { saveSheet(resource: "NegativeRecord", rows: [{ unitId: "${unitId}", note: "${x(MAX_LONG_TEXT_LENGTH + 1)}" }]) { ok } }`);
    expect(inline.errors?.[0]?.message).toContain('第 1 行“备注”过长');
    // At the cap the sheet's own per-row rule answers instead.
    const at = await ops(SAVE, { rows: [row(x(MAX_LONG_TEXT_LENGTH))] });
    expect(at.errors).toBeUndefined();
    expect(at.data.saveSheet.errors).toEqual([{ row: 1, field: 'note', message: '备注不能超过 2000 个字' }]);
    expect(Number((await db.db.selectFrom('negativeRecord').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('every register field allowed 2,000 characters or more is long text (so the cap never refuses what the field allows)', () => {
    const missing: string[] = [];
    for (const spec of resources.values()) {
      for (const f of spec.fields) {
        if (f.type !== 'String' || f.list || f.readOnly) continue;
        if ((f.maxLength ?? 0) >= MAX_STRING_LENGTH && !LONG_TEXT_FIELDS.has(f.name)) missing.push(`${spec.name}.${f.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
