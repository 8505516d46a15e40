// The reports about one matter (domain.md §5b) on the demo street 塘桥: the 专报 (HOTSPOT) from a topic, a 居委, a
// repeat group and a 苗头 warning — its units' indicators equal `kpis` (nodeKpis) for the same days, its weekly
// chart sums to its tickets — and the forms 预警单 (WARNING_FORM) and 领导派单/督办单 (LEADER_ORDER_FORM) with the
// facts of their records; each parses back from .docx with mammoth; generateReport makes them over HTTP, and
// another street's record is NOT_FOUND. Also: the 月报's 12-month charts leave months without data as gaps.
import mammoth from 'mammoth';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/app';
import { createUser } from '../../src/repos/auth';
import { buildReport } from '../../src/reports/content';
import { dayPeriod } from '../../src/reports/content/common';
import { renderDocx } from '../../src/reports/document/docx';
import { nodeKpis } from '../../src/reports/kpis';
import type { ReportChart, ReportDocument, ReportTable } from '../../src/reports/document/model';
import { RATE_KEYS } from '../../src/domain/kpi';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const NOW = new Date('2024-03-01T00:00:00+08:00');

function tables(doc: ReportDocument): ReportTable[] {
  const out: ReportTable[] = [];
  const walk = (sections: ReportDocument['sections']) => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.type === 'table') out.push(b.table);
      if (s.subsections) walk(s.subsections);
    }
  };
  walk(doc.sections);
  return out;
}
const table = (doc: ReportDocument, id: string) => tables(doc).find((t) => t.id === id);
const charts = (doc: ReportDocument): ReportChart[] => doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'chart' ? [b.chart] : [])));
const kv = (t: ReportTable | undefined) => Object.fromEntries((t?.rows ?? []).map((r) => [r.item, r.value]));

let db: TestDatabase;
let tq: number;

beforeAll(async () => {
  db = await createTestDatabase('demo');
  tq = (await db.db.selectFrom('street').select('id').where('code', '=', 'TQ').executeTakeFirstOrThrow()).id;
}, 900_000);
afterAll(() => db?.close());

/** The 专报's unit rows equal each unit's own kpis over the same days; the weekly chart and list agree. */
async function expectHotspot(period: string, from: string, to: string) {
  const doc = await buildReport(db.db, { kind: 'HOTSPOT', streetId: tq, period, now: NOW });
  expect(doc.kind).toBe('HOTSPOT');
  const weekly = charts(doc).find((c) => c.id === 'hotspot-weekly')!;
  const total = (weekly.series[0]!.data as number[]).reduce((a, b) => a + b, 0);
  const weeks = table(doc, 'hotspot-weeks')!;
  expect(weeks.rows.map((r) => r.count)).toEqual(weekly.series[0]!.data);
  const units = table(doc, 'hotspot-units');
  expect(units?.rows.reduce((a, r) => a + Number(r.count), 0) ?? 0).toBeLessThanOrEqual(total);
  const list = table(doc, 'hotspot-tickets');
  expect(list?.rows.length ?? 0).toBe(Math.min(total, 100));
  for (const r of units?.rows ?? []) {
    const [k] = await nodeKpis(db.db, { node: { type: 'UNIT', id: Number(r.id) }, periods: [dayPeriod('p', from, to)], now: NOW });
    expect(Object.fromEntries(RATE_KEYS.map((x) => [x, r[x]]))).toEqual(Object.fromEntries(RATE_KEYS.map((x) => [x, k!.kpis[x]])));
    expect(r.receivedCount).toBe(k!.kpis.receivedCount);
  }
  return { doc, total };
}

describe('专报 (HOTSPOT) on the demo', () => {
  it('from a topic: 餐饮油烟, May–August 2023, the barbecue season on 塘桥新路', async () => {
    const { doc, total } = await expectHotspot('topic:餐饮油烟@2023-05-01/2023-08-31', '2023-05-01', '2023-08-31');
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ticket t where t.unit_id in (select id from unit where street_id = ${tq}) and trim(t.topic) = '餐饮油烟'
        and t.received_at >= '2023-05-01T00:00:00+08:00' and t.received_at < '2023-09-01T00:00:00+08:00'`.execute(db.db);
    expect(total).toBe(rows[0]!.n);
    expect(total).toBeGreaterThan(10);
    expect(doc.title).toBe('关于餐饮油烟问题的专报');
    expect(table(doc, 'hotspot-places')!.rows[0]!.name).toBe('塘桥新路');
    expect(doc.sections.map((s) => s.heading)).toEqual(['基本情况', '分布情况', '承办单位办理情况', '工单清单', '预警与处置情况', '工作建议']);
    console.log(`[demo] 专报 餐饮油烟: ${total} tickets, weeks ${JSON.stringify(charts(doc)[0]!.series[0]!.data)}`);
  });

  it('from an area, a repeat group and a 苗头 warning', async () => {
    const area = await sql<{ name: string }>`select name from unit where street_id = ${tq} and peer_group = 'RESIDENTIAL' order by code limit 1`.execute(db.db);
    const a = await expectHotspot(`area:${area.rows[0]!.name}@2023-01-01/2023-06-30`, '2023-01-01', '2023-06-30');
    expect(a.total).toBeGreaterThan(0);
    const w = await db.db.selectFrom('warning').select(['masterTicketId', 'date']).where('streetId', '=', tq).orderBy('id').executeTakeFirstOrThrow();
    const g = await expectHotspot(`group:${w.masterTicketId}@2023-01-01/2023-12-31`, '2023-01-01', '2023-12-31');
    expect(g.total).toBeGreaterThanOrEqual(5);
    expect(table(g.doc, 'hotspot-repeat-warnings')!.rows.length).toBeGreaterThan(0);
    const h = await db.db.selectFrom('hotspotWarning').select(['id', 'topic', 'openedOn', 'lastDay']).where('streetId', '=', tq).orderBy('id').executeTakeFirstOrThrow();
    const hs = await expectHotspot(`hotspot:${h.id}@${String(h.openedOn).slice(0, 10)}/${String(h.lastDay).slice(0, 10)}`, String(h.openedOn).slice(0, 10), String(h.lastDay).slice(0, 10));
    expect(hs.total).toBeGreaterThan(0);
    expect(table(hs.doc, 'hotspot-warnings')!.rows).toHaveLength(1);
  });

  it('refuses a malformed subject or another street’s record, naming the period', async () => {
    await expect(buildReport(db.db, { kind: 'HOTSPOT', streetId: tq, period: '餐饮油烟', now: NOW })).rejects.toMatchObject({ extensions: { fieldErrors: { period: expect.stringContaining('topic:') } } });
    await expect(buildReport(db.db, { kind: 'HOTSPOT', streetId: tq, period: 'topic:噪声@2023-09-01/2023-01-01', now: NOW })).rejects.toMatchObject({ extensions: { fieldErrors: { period: expect.any(String) } } });
    const other = await db.db.selectFrom('hotspotWarning').select('id').where('streetId', '<>', tq).orderBy('id').executeTakeFirstOrThrow();
    await expect(buildReport(db.db, { kind: 'HOTSPOT', streetId: tq, period: `hotspot:${other.id}@2023-01-01/2023-12-31`, now: NOW })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await expect(buildReport(db.db, { kind: 'WARNING_FORM', streetId: tq, period: `hotspot:${other.id}`, now: NOW })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});

describe('预警单 and 领导派单/督办单 on the demo', () => {
  it('预警单 of a repeat warning prints the warning, its master ticket and its group', async () => {
    const w = await db.db.selectFrom('warning').selectAll().where('streetId', '=', tq).orderBy('id').executeTakeFirstOrThrow();
    const doc = await buildReport(db.db, { kind: 'WARNING_FORM', streetId: tq, period: `warning:${w.id}`, now: NOW });
    const facts = kv(table(doc, 'warning-facts'));
    expect(facts['预警等级']).toBe(w.level === 'RED' ? '红色预警' : '黄色预警');
    expect(facts['当日受理件数']).toBe(String(w.count));
    const master = await db.db.selectFrom('ticket').select(['number', 'citizenPhone']).where('id', '=', w.masterTicketId).executeTakeFirstOrThrow();
    expect(kv(table(doc, 'ticket-facts'))['工单编号']).toBe(master.number);
    const group = await sql<{ n: number }>`select count(*)::int as n from ticket where coalesce(repeat_of_id, id) = ${w.masterTicketId}`.execute(db.db);
    expect(facts['本组累计件数']).toBe(String(group.rows[0]!.n));
    expect(JSON.stringify(doc)).not.toContain(master.citizenPhone ?? '——');
    expect(doc.sections.map((s) => s.heading)).toEqual(['预警情况', '工单情况', '领导批示', '跟进及办结情况']);
  });

  it('numbers a 预警单 in its street’s year: 塘预警〔2023〕n号, n counting that street’s warnings by date, each street its own', async () => {
    const streets = await db.db.selectFrom('warning').innerJoin('street', 'street.id', 'warning.streetId').select(['street.id', 'street.name']).distinct().orderBy('street.id').execute();
    expect(streets.length).toBeGreaterThanOrEqual(2);
    for (const st of streets.slice(0, 2)) {
      const ws = await db.db.selectFrom('warning').select(['id', 'date']).where('streetId', '=', st.id).orderBy('date').orderBy('id').execute();
      const last = ws[ws.length - 1]!;
      const year = String(last.date).slice(0, 4);
      const serial = ws.filter((w) => String(w.date).slice(0, 4) === year).length;
      const doc = await buildReport(db.db, { kind: 'WARNING_FORM', streetId: st.id, period: `warning:${last.id}`, now: NOW });
      expect(doc.docNumber).toBe(`${st.name.slice(0, 1)}预警〔${year}〕${serial}号`);
      const first = await buildReport(db.db, { kind: 'WARNING_FORM', streetId: st.id, period: `warning:${ws[0]!.id}`, now: NOW });
      expect(first.docNumber).toBe(`${st.name.slice(0, 1)}预警〔${String(ws[0]!.date).slice(0, 4)}〕1号`);
    }
    const h = await db.db.selectFrom('hotspotWarning').select(['id', 'openedOn']).where('streetId', '=', tq).orderBy('openedOn').orderBy('id').executeTakeFirstOrThrow();
    const hs = await buildReport(db.db, { kind: 'WARNING_FORM', streetId: tq, period: `hotspot:${h.id}`, now: NOW });
    expect(hs.docNumber).toBe(`塘苗头预警〔${String(h.openedOn).slice(0, 4)}〕1号`);
  });

  it('预警单 of a 苗头 warning', async () => {
    const h = await db.db.selectFrom('hotspotWarning').selectAll().where('streetId', '=', tq).orderBy('id').executeTakeFirstOrThrow();
    const doc = await buildReport(db.db, { kind: 'WARNING_FORM', streetId: tq, period: `hotspot:${h.id}`, now: NOW });
    const facts = kv(table(doc, 'warning-facts'));
    expect(facts['预警类型']).toBe('苗头预警');
    expect(facts['诉求主题']).toBe(h.topic);
    expect(facts['7日峰值']).toContain(String(h.peakCount));
    expect(table(doc, 'group-tickets')!.rows.length).toBeGreaterThanOrEqual(1);
  });

  it('领导派单/督办单 of a ticket: the 批示, the limit and the written completion note', async () => {
    // The demo's leader dispatch tickets have no written 批示: give one a 批示, a 督办单 and its completion note.
    const t = await db.db.selectFrom('ticket').select(['id', 'number', 'completionDue']).where('channel', '=', 'LEADER_DISPATCH').where('unitId', 'in', db.db.selectFrom('unit').select('id').where('streetId', '=', tq)).orderBy('id').executeTakeFirstOrThrow();
    await db.db.updateTable('ticket').set({ leaderInstruction: '请城管中队当天到现场核查，3个工作日内办结并回复', leaderName: '王副主任', completionNote: '已于当日到场整改完毕，13812345678 回访满意' }).where('id', '=', t.id).execute();
    const order = await db.db
      .insertInto('leaderOrder')
      .values({ ticketId: t.id, leaderName: '李主任', reason: '回访不满意，重新办理', issuedAt: new Date('2023-06-20T09:00:00+08:00'), dueAt: new Date('2023-06-22T09:00:00+08:00'), completedAt: new Date('2023-06-21T16:00:00+08:00'), completionNote: '已协调物业完成维修' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const doc = await buildReport(db.db, { kind: 'LEADER_ORDER_FORM', streetId: tq, period: `ticket:${t.id}`, now: NOW });
    expect(doc.title).toBe('12345市民服务热线领导派单及督办单');
    const dispatch = kv(table(doc, 'leader-dispatch'));
    expect(dispatch['领导批示']).toBe('请城管中队当天到现场核查，3个工作日内办结并回复');
    expect(dispatch['派单领导']).toBe('王副主任');
    const o = kv(table(doc, `leader-order-${order.id}`));
    expect(o).toMatchObject({ 督办领导: '李主任', 办结时限: '2023-06-22 09:00', 办结时间: '2023-06-21 16:00', 是否按期: '按期', 办结说明: '已协调物业完成维修' });
    const note = doc.sections.find((s) => s.heading === '书面办结说明')!.blocks[0]!;
    expect(note).toMatchObject({ type: 'paragraph', text: expect.stringContaining('已于当日到场整改完毕') });
    expect(JSON.stringify(doc)).not.toContain('13812345678'); // phone numbers in free text are masked
    const one = await buildReport(db.db, { kind: 'LEADER_ORDER_FORM', streetId: tq, period: `order:${order.id}`, now: NOW });
    expect(one.title).toBe('12345市民服务热线领导督办单');
    // 督办单编号 is the order's serial among its street's orders of the year (by issue time), not an internal id.
    const earlier = await sql<{ n: number }>`
      select count(*)::int as n from leader_order o join ticket t on t.id = o.ticket_id
      where t.street_id = ${tq} and o.issued_at >= '2023-01-01T00:00:00+08:00' and (o.issued_at, o.id) <= ('2023-06-20T09:00:00+08:00'::timestamptz, ${order.id}::int)`.execute(db.db);
    expect(o['督办单编号']).toBe(`塘督办〔2023〕${earlier.rows[0]!.n}号`);
    expect(one.docNumber).toBe(o['督办单编号']);
    expect(doc.docNumber).toMatch(new RegExp(`^塘派单〔20\\d\\d〕${t.number}号$`));
    // A ticket without any leader record is refused, naming the period.
    const plain = await db.db.selectFrom('ticket').select('id').where('channel', '=', 'HOTLINE').where('streetId', '=', tq).orderBy('id').executeTakeFirstOrThrow();
    await expect(buildReport(db.db, { kind: 'LEADER_ORDER_FORM', streetId: tq, period: `ticket:${plain.id}`, now: NOW })).rejects.toMatchObject({ extensions: { fieldErrors: { period: expect.stringContaining('没有领导派单') } } });
  });

  it('each new kind parses back from its .docx with its title, tables and the 版记 at the end', async () => {
    const w = await db.db.selectFrom('warning').select('id').where('streetId', '=', tq).orderBy('id').executeTakeFirstOrThrow();
    for (const [kind, period] of [['HOTSPOT', 'topic:餐饮油烟@2023-05-01/2023-08-31'], ['WARNING_FORM', `warning:${w.id}`]] as const) {
      const doc = await buildReport(db.db, { kind, streetId: tq, period, now: NOW });
      const html = (await mammoth.convertToHtml({ buffer: await renderDocx(doc) })).value;
      const text = html.replace(/<[^>]+>/g, '\n');
      expect(text).toContain(doc.title);
      expect(html.match(/<table>/g)!.length).toBe(tables(doc).length + 1); // + the 版记
      for (const t of tables(doc)) expect(text).toContain(t.title);
      expect(text).toMatch(/塘桥街道城市运行管理中心\s*\n*\s*20\d\d年\d+月\d+日印发/);
      if (kind === 'HOTSPOT') expect(html.match(/<img /g)).toHaveLength(1);
    }
  }, 120_000);
});

describe('月报 12-month charts', () => {
  it('leave months without data as gaps, never 0', async () => {
    const doc = await buildReport(db.db, { kind: 'MONTHLY', streetId: tq, period: '2023-06', now: NOW });
    const received = charts(doc).find((c) => c.id === 'trend-received')!;
    expect(received.categories).toHaveLength(12);
    // The demo starts in January 2023: July–December 2022 have no tickets.
    expect(received.series[0]!.data.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(received.series[1]!.data.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    const [june] = await nodeKpis(db.db, { node: { type: 'STREET', id: tq }, periods: [dayPeriod('m', '2023-06-01', '2023-06-30')], now: NOW });
    expect(received.series[0]!.data[11]).toBe(june!.kpis.receivedCount);
    for (const c of charts(doc).filter((x) => x.percent)) expect(c.series[0]!.data.slice(0, 6).every((v) => v === null)).toBe(true);
  });
});

describe('generateReport over HTTP for the new kinds', () => {
  let app: Awaited<ReturnType<typeof startServer>>;
  let cookie = '';
  const gql = async (query: string, variables: Record<string, unknown>) =>
    (await (await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) })).json()) as any;
  const GENERATE = 'mutation($kind: ReportKind!, $street: ID!, $period: String!) { generateReport(kind: $kind, streetId: $street, period: $period) { id kind period version docxUrl xlsxUrl } }';

  beforeAll(async () => {
    app = await startServer({ opened: db, port: 0, host: '127.0.0.1', seed: 'none', quiet: true });
    await createUser(db.db, { username: 'ops-special', password: 'password-123', role: 'OPS', displayName: '城运', streetId: tq, unitId: null });
    const r = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation { login(username: "ops-special", password: "password-123") { id } }' }) });
    cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  }, 120_000);
  afterAll(() => app?.close());

  it('archives a 专报, a 预警单 and a 领导派单/督办单 with their files; another street’s record is NOT_FOUND', async () => {
    const w = await db.db.selectFrom('warning').select('id').where('streetId', '=', tq).orderBy('id').executeTakeFirstOrThrow();
    const t = await db.db.selectFrom('leaderOrder').innerJoin('ticket', 'ticket.id', 'leaderOrder.ticketId').select('ticket.id').where('ticket.streetId', '=', tq).orderBy('leaderOrder.id').executeTakeFirst();
    const ticketId = t?.id ?? (await db.db.selectFrom('ticket').select('id').where('channel', '=', 'LEADER_DISPATCH').where('streetId', '=', tq).orderBy('id').executeTakeFirstOrThrow()).id;
    for (const [kind, period] of [['HOTSPOT', ' topic:餐饮油烟@2023-05-01/2023-08-31'], ['WARNING_FORM', `warning:${w.id}`], ['LEADER_ORDER_FORM', `ticket:${ticketId}`]] as const) {
      const r = await gql(GENERATE, { kind, street: String(tq), period });
      expect(r.errors).toBeUndefined();
      expect(r.data.generateReport).toMatchObject({ kind, period: period.trim(), version: 1 });
      const again = await gql(GENERATE, { kind, street: String(tq), period });
      expect(again.data.generateReport.version).toBe(2);
      const docx = await fetch(`${app.url}${r.data.generateReport.docxUrl}`, { headers: { cookie } });
      expect(docx.status).toBe(200);
      const html = (await mammoth.convertToHtml({ buffer: Buffer.from(await docx.arrayBuffer()) })).value;
      expect(html).toContain('印发');
      const xlsx = await fetch(`${app.url}${r.data.generateReport.xlsxUrl}`, { headers: { cookie } });
      expect(xlsx.status).toBe(200);
    }
    // A 专报 is numbered in the archive's order of matters; regenerating it keeps its number; a preview shows the next.
    const numbers = async (period: string) =>
      (await sql<{ dn: string }>`select content->>'docNumber' as dn from report where kind = 'HOTSPOT' and street_id = ${tq} and period = ${period} order by version`.execute(db.db)).rows.map((r) => r.dn);
    expect(await numbers('topic:餐饮油烟@2023-05-01/2023-08-31')).toEqual(['塘城运专报〔2023〕1号', '塘城运专报〔2023〕1号']);
    expect((await gql(GENERATE, { kind: 'HOTSPOT', street: String(tq), period: 'topic:噪声@2023-05-01/2023-08-31' })).errors).toBeUndefined();
    expect(await numbers('topic:噪声@2023-05-01/2023-08-31')).toEqual(['塘城运专报〔2023〕2号']);
    const preview = await gql('query($s: ID, $p: String!) { reportContent(kind: HOTSPOT, streetId: $s, period: $p) }', { s: String(tq), p: 'topic:噪声@2023-01-01/2023-04-30' });
    expect(preview.data.reportContent.docNumber).toBe('塘城运专报〔2023〕3号');
    const content = await gql('query($s: ID, $p: String!) { reportContent(kind: WARNING_FORM, streetId: $s, period: $p) }', { s: String(tq), p: `warning:${w.id}` });
    expect(content.data.reportContent.kind).toBe('WARNING_FORM');
    const other = await db.db.selectFrom('warning').select('id').where('streetId', '<>', tq).orderBy('id').executeTakeFirst();
    if (other) {
      const r = await gql(GENERATE, { kind: 'WARNING_FORM', street: String(tq), period: `warning:${other.id}` });
      expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  }, 300_000);
});
