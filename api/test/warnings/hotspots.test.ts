// 苗头 warnings (domain.md §5, contract.md "Warnings"): raised as tickets arrive (import, create, edit), one
// `hotspots` row per pair and day the rule held, acknowledged once, closed by the rule; handlers see their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { createStreet, toCsv, type Row, type Street } from '../import/fixtures';
import { importTickets } from '../../src/import/importTickets';
import { closeStaleHotspots } from '../../src/repos/hotspots';
import { addDays, shanghaiDate } from '../../src/domain/time';
import type { Principal } from '../../src/repos/auth';

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
type Client = Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
let ops: Client;
let street: Street;
let other: Street;
const actor: Principal = { userId: null, tokenId: null, username: 'ops-test', role: 'OPS', unitId: null, streetId: null, canReadPersonalData: true };

const HOTSPOTS = `query($s: ID!, $f: Date!, $t: Date!) { hotspots(streetId: $s, from: $f, to: $t) {
  date topic committeeName road count baseline warningId tickets { number unit { name } } } }`;
const WARNINGS = `query($s: ID!, $f: Date!, $t: Date!) { hotspotWarnings(streetId: $s, from: $f, to: $t) {
  id topic committeeName road openedOn lastDay closedOn peakCount baseline status acknowledgedAt units { name } } }`;

/** A BBQ complaint on 塘桥新路 in 塘桥居委, held by `unit`. */
const bbq = (number: string, at: string, unit = '城管中队', road = '塘桥新路52弄1号'): Row => ({
  工单编号: number, 受理时间: at, 工单类型: '投诉', 诉求主题: '餐饮油烟', 诉求内容: '烧烤店油烟直排', 地址: road, 所属居委: '塘桥居委', 承办单位: unit, 派单时间: at,
});

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  street = await createStreet(db.db);
  other = await createStreet(db.db);
  ops = await api.signedIn('OPS');
}, 120_000);
afterAll(() => db?.close());

describe('an import raises 苗头 warnings by (topic, 居委) and (topic, road)', () => {
  beforeAll(async () => {
    const rows = [
      bbq('H-001', '2023-05-01 19:10'),
      bbq('H-002', '2023-05-01 20:30', '房管办事处', '塘桥新路50号'),
      bbq('H-003', '2023-05-02 21:00'),
      bbq('H-004', '2023-05-03 19:45', '城管中队', '塘桥新路60弄2号'),
      bbq('H-005', '2023-05-03 22:15'),
      // The same topic in the other street and another topic here do not count.
      { ...bbq('H-006', '2023-05-03 18:00'), 诉求主题: '噪声' },
    ];
    const r = await importTickets(db.db, { streetId: street.streetId, file: toCsv(rows), filename: 'bbq.csv', actor });
    expect(r.errors).toEqual([]);
    const r2 = await importTickets(db.db, { streetId: other.streetId, file: toCsv([bbq('O-001', '2023-05-02 19:00')]), filename: 'other.csv', actor });
    expect(r2.errors).toEqual([]);
  });

  it('one row per pair and day D the rule held: five tickets against no history (baseline 0.5), D = 05-03 … 05-07', async () => {
    const r = await ops(HOTSPOTS, { s: street.streetId, f: '2023-04-01', t: '2023-06-30' });
    expect(r.errors).toBeUndefined();
    const rows = r.data.hotspots as any[];
    const days = ['2023-05-03', '2023-05-04', '2023-05-05', '2023-05-06', '2023-05-07'];
    expect(rows.map((h) => [h.date, h.topic, h.committeeName, h.road, h.count, h.baseline])).toEqual(
      days.flatMap((d) => [
        [d, '餐饮油烟', '塘桥居委', null, 5, 0.5],
        [d, '餐饮油烟', null, '塘桥新路', 5, 0.5],
      ]),
    );
    expect(rows[0].tickets.map((t: any) => t.number)).toEqual(['H-001', 'H-002', 'H-003', 'H-004', 'H-005']);
    // The range limits the rows; the other street has none of this street's.
    const part = await ops(HOTSPOTS, { s: street.streetId, f: '2023-05-06', t: '2023-05-06' });
    expect(part.data.hotspots).toHaveLength(2);
    const none = await ops(HOTSPOTS, { s: other.streetId, f: '2023-04-01', t: '2023-06-30' });
    expect(none.data.hotspots).toEqual([]);
  });

  it('stores one warning per pair, closed by the rule the day the window fell back (05-08), sent to the holding units', async () => {
    const r = await ops(WARNINGS, { s: street.streetId, f: '2023-04-01', t: '2023-06-30' });
    const ws = (r.data.hotspotWarnings as any[]).map((w) => [w.committeeName ?? w.road, w.openedOn, w.lastDay, w.closedOn, w.peakCount, w.baseline, w.status, w.units.map((u: any) => u.name).sort()]);
    expect(ws.sort()).toEqual([
      ['塘桥居委', '2023-05-03', '2023-05-07', '2023-05-08', 5, 0.5, 'CLOSED', ['城管中队', '房管办事处']],
      ['塘桥新路', '2023-05-03', '2023-05-07', '2023-05-08', 5, 0.5, 'CLOSED', ['城管中队', '房管办事处']],
    ]);
    // The board's chart: the pair's tickets a day from 27 days before it opened to 14 days after it closed.
    const id = (r.data.hotspotWarnings as any[]).find((w) => w.road === '塘桥新路').id;
    const c = await ops('query($id: ID!) { hotspotWarning(id: $id) { chartFrom dailyCounts days { date count } tickets { number } } }', { id });
    expect(c.data.hotspotWarning.chartFrom).toBe('2023-04-06');
    const counts = c.data.hotspotWarning.dailyCounts as number[];
    expect(counts).toHaveLength(47);
    expect(counts.slice(25, 28)).toEqual([2, 1, 2]); // 05-01 … 05-03
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect(c.data.hotspotWarning.days.map((d: any) => d.count)).toEqual([5, 5, 5, 5, 5]);
    expect(c.data.hotspotWarning.tickets).toHaveLength(5);
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await db.db.selectFrom('hotspotWarning').select(['id', 'version']).orderBy('id').execute();
    const rows = ['H-001', 'H-002', 'H-003', 'H-004', 'H-005'].map((n, i) => bbq(n, ['2023-05-01 19:10', '2023-05-01 20:30', '2023-05-02 21:00', '2023-05-03 19:45', '2023-05-03 22:15'][i]!, n === 'H-002' ? '房管办事处' : '城管中队', n === 'H-002' ? '塘桥新路50号' : n === 'H-004' ? '塘桥新路60弄2号' : '塘桥新路52弄1号'));
    const r = await importTickets(db.db, { streetId: street.streetId, file: toCsv(rows), filename: 'bbq.csv', actor });
    expect(r.errors).toEqual([]);
    expect(await db.db.selectFrom('hotspotWarning').select(['id', 'version']).orderBy('id').execute()).toEqual(before);
  });

  it('a unit handler sees the warnings its unit holds tickets of, with its own tickets only', async () => {
    const fg = await api.signedIn('UNIT_HANDLER', { unitId: street.units.FG });
    const r = await fg(HOTSPOTS, { s: street.streetId, f: '2023-05-03', t: '2023-05-03' });
    expect(r.errors).toBeUndefined();
    expect(r.data.hotspots.map((h: any) => [h.count, h.tickets.map((t: any) => t.number)])).toEqual([
      [5, ['H-002']],
      [5, ['H-002']],
    ]);
    const lh = await api.signedIn('UNIT_HANDLER', { unitId: street.units.LH });
    expect((await lh(HOTSPOTS, { s: street.streetId, f: '2023-05-03', t: '2023-05-03' })).data.hotspots).toEqual([]);
    expect((await lh(WARNINGS, { s: street.streetId, f: '2023-04-01', t: '2023-06-30' })).data.hotspotWarnings).toEqual([]);
  });

  it('an edit that takes a ticket out of the pair removes the days it carried', async () => {
    const t = await db.db.selectFrom('ticket').select(['id', 'version']).where('number', '=', 'H-005').executeTakeFirstOrThrow();
    const u = await ops('mutation($id: ID!, $v: Int) { updateTicket(id: $id, version: $v, topic: "噪声") { id } }', { id: t.id, v: t.version });
    expect(u.errors).toBeUndefined();
    const r = await ops(HOTSPOTS, { s: street.streetId, f: '2023-04-01', t: '2023-06-30' });
    expect(r.data.hotspots).toEqual([]);
    expect(await db.db.selectFrom('hotspotWarning').select('id').where('streetId', '=', street.streetId).execute()).toEqual([]);
    const back = await ops('mutation($id: ID!, $v: Int) { updateTicket(id: $id, version: $v, topic: "餐饮油烟") { id } }', { id: t.id, v: t.version + 1 });
    expect(back.errors).toBeUndefined();
    expect((await ops(HOTSPOTS, { s: street.streetId, f: '2023-04-01', t: '2023-06-30' })).data.hotspots).toHaveLength(10);
  });

  it('refuses a reversed or too long range, naming the field', async () => {
    const r = await ops(HOTSPOTS, { s: street.streetId, f: '2023-06-30', t: '2023-04-01' });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.fieldErrors).toEqual({ from: '晚于结束日期' });
    const long = await ops(HOTSPOTS, { s: street.streetId, f: '2022-01-01', t: '2023-12-31' });
    expect(long.errors?.[0]?.extensions?.fieldErrors?.to).toMatch(/最长/);
  });

  it('answers with a fixed number of queries, however many rows', async () => {
    db.queries.reset();
    const r = await ops(HOTSPOTS, { s: street.streetId, f: '2023-04-01', t: '2023-06-30' });
    expect(r.data.hotspots).toHaveLength(10);
    const few = db.queries.count;
    db.queries.reset();
    await ops(HOTSPOTS, { s: street.streetId, f: '2023-05-05', t: '2023-05-05' });
    expect(db.queries.count).toBe(few);
  });
});

describe('a 苗头 raised by new tickets today: acknowledged once, closed by the rule as the days pass', () => {
  const today = shanghaiDate(new Date());
  let warningId: string;
  const CREATE = `mutation($n: String!, $s: ID!, $u: ID, $r: DateTime!) {
    createTicket(number: $n, streetId: $s, unitId: $u, category: COMPLAINT, receivedAt: $r, topic: "道路积水", address: "南泉路420弄1号", committeeName: "南泉路居委") { id } }`;

  beforeAll(async () => {
    for (let i = 0; i < 5; i++) {
      const day = addDays(today, i < 2 ? -2 : i < 4 ? -1 : 0);
      const r = await ops(CREATE, { n: `N-${i}`, s: street.streetId, u: street.units.CG, r: `${day}T00:0${i}:00+08:00` });
      expect(r.errors).toBeUndefined();
    }
  });

  it('opens with the fifth ticket and stays open while the rule holds today', async () => {
    const r = await ops(WARNINGS, { s: street.streetId, f: addDays(today, -7), t: today });
    const open = (r.data.hotspotWarnings as any[]).filter((w) => w.topic === '道路积水');
    expect(open.map((w) => [w.committeeName ?? w.road, w.openedOn, w.lastDay, w.closedOn, w.status]).sort()).toEqual([
      ['南泉路', today, today, null, 'OPEN'],
      ['南泉路居委', today, today, null, 'OPEN'],
    ]);
    warningId = open[0].id;
  });

  it('is acknowledged by a holding unit once (one audit row); other units do not find it', async () => {
    const lh = await api.signedIn('UNIT_HANDLER', { unitId: street.units.LH });
    const ACK = 'mutation($id: ID!) { acknowledgeHotspot(id: $id) { id status acknowledgedAt acknowledgedBy } }';
    expect((await lh(ACK, { id: warningId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const cg = await api.signedIn('UNIT_HANDLER', { unitId: street.units.CG });
    const audits = async () => (await db.db.selectFrom('auditLog').select('id').where('operation', '=', 'acknowledgeHotspot').execute()).length;
    const before = await audits();
    const r = await cg(ACK, { id: warningId });
    expect(r.errors).toBeUndefined();
    expect(r.data.acknowledgeHotspot.status).toBe('ACKNOWLEDGED');
    expect(await audits()).toBe(before + 1);
    const again = await ops(ACK, { id: warningId });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await audits()).toBe(before + 1);
  });

  it('a new ticket keeps the acknowledgement; the rule closes it once the window falls under, days later', async () => {
    await ops(CREATE, { n: 'N-5', s: street.streetId, u: street.units.CG, r: `${today}T00:10:00+08:00` });
    const w = await db.db.selectFrom('hotspotWarning').selectAll().where('id', '=', Number(warningId)).executeTakeFirstOrThrow();
    expect([w.status, w.peakCount, w.acknowledgedAt !== null]).toEqual(['ACKNOWLEDGED', 6, true]);
    // Ten days on, with no ticket since: the window of the 2 tickets of today−2 … today last held on today+4.
    await closeStaleHotspots(db.db, street.streetId, new Date(Date.now() + 10 * 86_400_000));
    const closed = await db.db.selectFrom('hotspotWarning').selectAll().where('id', '=', Number(warningId)).executeTakeFirstOrThrow();
    expect([closed.status, String(closed.lastDay), String(closed.closedOn), closed.acknowledgedAt !== null]).toEqual(['CLOSED', addDays(today, 4), addDays(today, 5), true]);
    expect((await ops('mutation($id: ID!) { acknowledgeHotspot(id: $id) { id } }', { id: warningId })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('the rule comes from the active scheme', async () => {
    const r = await ops('{ hotspotRule { min ratio } }');
    expect(r.data.hotspotRule).toEqual({ min: 5, ratio: 3 });
  });
});
