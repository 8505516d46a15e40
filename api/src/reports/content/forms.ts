// The printable forms of domain.md §5b: 预警单 (WARNING_FORM, from a repeat warning or a 苗头 warning) and
// 领导派单/督办单 (LEADER_ORDER_FORM, from a ticket with its leader dispatch, 督办单 and 提级办理, or from one 督办单).
// Each is a ReportDocument like the reports, so it prints, and downloads as .docx and .xlsx, the same way: the
// ticket facts, the instruction (批示), the limit (办理时限) and the written completion note (办结说明).
// Personal data never enters a form (it is archived and read by every reader of the archive): no citizen name,
// the phone masked, house numbers masked in the address and in every free text (domain.md §8).
import { sql } from 'kysely';
import type { Db } from '../kpis';
import type { CellValue, ReportDocument, ReportSection, ReportTable } from '../document/model';
import { badInput, notFound } from '../../errors';
import { maskAddress, maskFreeText, maskPhone } from '../../domain/personal';
import { shanghaiDate } from '../../domain/time';
import { formatCell } from '../document/format';
import { CALLBACK_LABEL, CATEGORY_LABEL, iso, para, RESOLUTION_LABEL, tableBlock, type Scope } from './common';
import { TICKET_STATUS_LABEL } from './hotspot';
import { parseFormPeriod } from './subject';
import { docNumber, formSerial } from './doc-number';

type Row = Record<string, CellValue>;

const CHANNEL_LABEL: Record<string, string> = {
  HOTLINE: '12345热线',
  WEB: '网站',
  APP: 'APP',
  WECHAT: '微信',
  PHOTO: '随申拍',
  GRID: '网格巡查',
  LEADER_DISPATCH: '领导派单',
  SUPERVISION: '市区督办',
};
const FACT_LABEL: Record<string, string> = { TRUE: '属实', PARTLY_TRUE: '部分属实', UNFOUNDED: '不属实' };
const LEVEL_LABEL: Record<string, string> = { YELLOW: '黄色预警', RED: '红色预警' };
const WARNING_STATUS: Record<string, string> = { OPEN: '未处置', ACKNOWLEDGED: '已签收', CLOSED: '已关闭' };
const HOTSPOT_STATUS: Record<string, string> = { OPEN: '未签收', ACKNOWLEDGED: '已签收', CLOSED: '已消除' };

const dt = (v: unknown) => (v == null ? null : formatCell(iso(v), 'datetime'));
const day = (v: unknown) => (v == null ? null : String(v instanceof Date ? shanghaiDate(v) : v).slice(0, 10));
const NONE = '（无）';

/** A two-column form table: 项目 | 内容. */
export function kvTable(id: string, title: string, pairs: [string, string | number | null | undefined][]): ReportTable {
  return {
    id,
    title,
    columns: [
      { key: 'item', label: '项目', format: 'text', width: 10 },
      { key: 'value', label: '内容', format: 'text', width: 42 },
    ],
    rows: pairs.map(([item, value]) => ({ item, value: value === undefined || value === null || value === '' ? '—' : String(value) })),
  };
}

interface TicketFacts {
  id: number;
  number: string;
  streetId: number;
  address: string | null;
  [k: string]: unknown;
}

/** One ticket of the scope, with its unit, its 居委 and its latest callback; 404 for another street's ticket. */
async function loadTicket(db: Db, scope: Scope, id: number, what = '工单'): Promise<TicketFacts> {
  const { rows } = await sql<TicketFacts>`
    select t.*, u.name as unit_name, u.head as unit_head, u.deputy_leader,
           coalesce((select cu.name from unit cu where cu.id = t.committee_unit_id), nullif(trim(t.committee_name), '')) as area,
           (select c.result from callback c where c.ticket_id = t.id order by c.called_at desc, c.id desc limit 1) as last_callback,
           (select c.called_at from callback c where c.ticket_id = t.id order by c.called_at desc, c.id desc limit 1) as last_called_at,
           (select coalesce(au.display_name, au.username) from app_user au where au.id = t.leader_user_id) as leader_user_name
    from ticket t left join unit u on u.id = t.unit_id
    where t.id = ${id}::int and ${streetFilter(scope, 't')}`.execute(db);
  const t = rows[0];
  if (!t) throw notFound(what, id);
  return t;
}

const masked = (t: TicketFacts, text: unknown) => (text == null || text === '' ? null : maskFreeText(String(text), { address: t.address }));

function ticketFacts(t: TicketFacts, id = 'ticket-facts', title = '工单基本情况'): ReportTable {
  return kvTable(id, title, [
    ['工单编号', t.number],
    ['受理时间', dt(t.receivedAt)],
    ['渠道', CHANNEL_LABEL[String(t.channel)] ?? (t.channel as string)],
    ['工单类型', CATEGORY_LABEL[String(t.category)] ?? (t.category as string)],
    ['紧急', t.urgent ? '是' : '否'],
    ['诉求主题', t.topic as string],
    ['所属居委', t.area as string],
    ['地址', maskAddress(t.address)],
    ['联系电话', maskPhone(t.citizenPhone as string | null)],
    ['诉求内容', masked(t, t.content)],
    ['承办单位', t.unitName as string],
    ['派单时间', dt(t.dispatchedAt)],
    ['办理时限', dt(t.completionDue)],
    ['当前状态', TICKET_STATUS_LABEL[String(t.status)] ?? (t.status as string)],
  ]);
}

function handlingFacts(t: TicketFacts): ReportTable {
  return kvTable('handling', '办理情况', [
    ['承办单位', t.unitName as string],
    ['签收时间', dt(t.acceptedAt)],
    ['先行联系时间', dt(t.firstContactAt)],
    ['提交办结时间', dt(t.submittedAt)],
    ['办结时间', dt(t.closedAt)],
    ['是否按期', t.closedAt ? (new Date(String(iso(t.closedAt))) <= new Date(String(iso(t.completionDue))) ? '按期' : '超期') : '在办'],
    ['事实认定', t.factFinding ? FACT_LABEL[String(t.factFinding)] ?? String(t.factFinding) : null],
    ['结案评判', t.resolution ? RESOLUTION_LABEL[String(t.resolution)] ?? String(t.resolution) : null],
    ['答复内容', masked(t, t.replyText)],
    ['最近回访', t.lastCallback ? `${CALLBACK_LABEL[String(t.lastCallback)] ?? t.lastCallback}（${dt(t.lastCalledAt)}）` : null],
  ]);
}

/** The blank lines a leader signs on paper. */
const signature = (who: string) => para(`${who}签名：＿＿＿＿＿　日期：＿＿＿＿＿`); // one line of 3号 text

function formDoc(a: { kind: 'WARNING_FORM' | 'LEADER_ORDER_FORM'; scope: Scope; streetName: string; streetId: number; period: string; title: string; docNumber: string; subtitle: string; sections: ReportSection[]; now: Date }): ReportDocument {
  const issuer = `${a.streetName}城市运行管理中心`;
  return {
    kind: a.kind,
    period: a.period,
    streetId: String(a.streetId),
    issuer,
    title: a.title,
    docNumber: a.docNumber,
    subtitle: a.subtitle,
    date: shanghaiDate(a.now),
    sections: a.sections,
    printedBy: issuer,
    computedAt: a.now.toISOString(),
  };
}

async function streetName(db: Db, id: number): Promise<string> {
  return (await db.selectFrom('street').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
}

/** The scope's streets on a street_id column (`t.street_id` with the alias). */
const streetFilter = (scope: Scope, alias?: string) => {
  const col = sql.ref(alias ? `${alias}.street_id` : 'street_id');
  return scope.streetId !== null ? sql<boolean>`${col} = ${scope.streetId}::int` : sql<boolean>`${col} in (select s.id from street s where s.district_id = ${scope.districtId}::int)`;
};

/** 塘预警〔2023〕5号 / 塘苗头预警〔2023〕2号: the warning's serial in its street's year. */
async function warningDocNumber(db: Db, street: string, kind: 'warning' | 'hotspot', id: number): Promise<string> {
  const { year, serial } = await formSerial(db, kind, id);
  return docNumber(street, kind === 'warning' ? '预警' : '苗头预警', year, serial);
}

// ——— 预警单 ———

export async function buildWarningForm(db: Db, scope: Scope, period: string, now: Date): Promise<ReportDocument> {
  const subject = parseFormPeriod('WARNING_FORM', period);
  return subject.type === 'warning' ? repeatWarningForm(db, scope, subject.id, period, now) : hotspotWarningForm(db, scope, subject.id, period, now);
}

async function repeatWarningForm(db: Db, scope: Scope, id: number, period: string, now: Date): Promise<ReportDocument> {
  const w = await db.selectFrom('warning').selectAll().where('id', '=', id).where(streetFilter(scope)).executeTakeFirst();
  if (!w) throw notFound('预警', id);
  const master = await loadTicket(db, scope, w.masterTicketId, '预警主单');
  const [group, unit] = await Promise.all([
    sql<Record<string, unknown>>`
      select t.id, t.number, t.received_at, u.name as unit_name, t.status, t.closed_at, t.resolution, count(*) over () as total
      from ticket t left join unit u on u.id = t.unit_id
      where coalesce(t.repeat_of_id, t.id) = ${w.masterTicketId}::int
      order by t.received_at, t.id limit 50`.execute(db),
    w.unitId ? db.selectFrom('unit').select(['name', 'head', 'deputyLeader']).where('id', '=', w.unitId).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const total = Number(group.rows[0]?.total ?? 0);
  const level = LEVEL_LABEL[w.level] ?? w.level;
  const sections: ReportSection[] = [
    {
      heading: '预警情况',
      blocks: [
        tableBlock(
          kvTable('warning-facts', '预警信息', [
            ['预警类型', '重复工单预警'],
            ['预警等级', level],
            ['预警日期', day(w.date)],
            ['当日受理件数', w.count],
            ['本组累计件数', total],
            ['承办单位', unit?.name ?? null],
            ['单位负责人', unit?.head ?? null],
            ['分管领导', unit?.deputyLeader ?? null],
            ['预警状态', WARNING_STATUS[w.status] ?? w.status],
            ['签收时间', dt(w.acknowledgedAt)],
            ['关闭时间', dt(w.closedAt)],
            ['提请专题研究', w.specialStudy ? '是' : '否'],
          ]),
        ),
        para(
          w.level === 'RED'
            ? '同一重复工单组单日受理达到 10 件，已达红色预警：报主要领导、分管领导和承办单位负责人，请承办单位立即研判原因、落实处置，组内工单全部办结前本预警不关闭。'
            : '同一重复工单组单日受理达到 5 件，已达黄色预警：报分管领导和承办单位负责人，请承办单位及时研判原因、落实处置，组内工单全部办结前本预警不关闭。',
        ),
      ],
    },
    { heading: '工单情况', blocks: [tableBlock(ticketFacts(master, 'ticket-facts', '主单基本情况')), tableBlock(groupTable(group.rows, total))] },
    { heading: '领导批示', blocks: [para('批示：'), para('　'), para('　'), signature('领导')] },
    {
      heading: '跟进及办结情况',
      blocks: [
        tableBlock(
          kvTable('follow-up', '跟进情况', [
            ['跟进情况', w.note ? maskFreeText(w.note, { address: master.address }) : NONE],
            ['主单办结时间', dt(master.closedAt)],
            ['主单结案评判', master.resolution ? RESOLUTION_LABEL[String(master.resolution)] ?? null : null],
            ['书面办结说明', master.completionNote ? masked(master, master.completionNote) : NONE],
          ]),
        ),
        signature('承办单位负责人'),
      ],
    },
  ];
  const name = await streetName(db, w.streetId);
  return formDoc({
    kind: 'WARNING_FORM',
    scope,
    streetName: name,
    streetId: w.streetId,
    period,
    title: '12345市民服务热线工单预警单',
    docNumber: await warningDocNumber(db, name, 'warning', w.id),
    subtitle: `${level}·${day(w.date)}`,
    sections,
    now,
  });
}

function groupTable(rows: Record<string, unknown>[], total: number): ReportTable {
  return {
    id: 'group-tickets',
    title: '本组工单',
    columns: [
      { key: 'number', label: '工单编号', format: 'text', width: 16 },
      { key: 'receivedAt', label: '受理时间', format: 'datetime', width: 15 },
      { key: 'unit', label: '承办单位', format: 'text', width: 14 },
      { key: 'status', label: '状态', format: 'text', width: 8 },
      { key: 'closedAt', label: '办结时间', format: 'datetime', width: 15 },
    ],
    rows: rows.map((r): Row => ({
      id: Number(r.id),
      number: String(r.number),
      receivedAt: iso(r.receivedAt),
      unit: (r.unitName as string) ?? null,
      status: r.closedAt ? (r.resolution ? RESOLUTION_LABEL[String(r.resolution)] ?? '已办结' : '已办结') : TICKET_STATUS_LABEL[String(r.status)] ?? String(r.status),
      closedAt: iso(r.closedAt),
    })),
    ...(total > rows.length ? { note: `共 ${total} 件，此处列出前 ${rows.length} 件。` } : {}),
  };
}

async function hotspotWarningForm(db: Db, scope: Scope, id: number, period: string, now: Date): Promise<ReportDocument> {
  const h = await db.selectFrom('hotspotWarning').selectAll().where('id', '=', id).where(streetFilter(scope)).executeTakeFirst();
  if (!h) throw notFound('苗头预警', id);
  const place = h.committeeName ?? h.road ?? '';
  const from = shanghaiDate(new Date(new Date(`${day(h.openedOn)}T00:00:00+08:00`).getTime() - 6 * 86_400_000));
  const to = day(h.lastDay)!;
  const placeFilter = h.committeeName !== null
    ? sql<boolean>`coalesce((select cu.name from unit cu where cu.id = t.committee_unit_id), nullif(trim(t.committee_name), '')) = ${h.committeeName}::text`
    : sql<boolean>`(select r.road from ticket_road r where r.ticket_id = t.id and r.address_hash = md5(t.address)) = ${h.road}::text`;
  const [tickets, units] = await Promise.all([
    sql<Record<string, unknown>>`
      select t.id, t.number, t.received_at, u.name as unit_name, t.status, t.closed_at, t.resolution, count(*) over () as total
      from ticket t left join unit u on u.id = t.unit_id
      where t.street_id = ${h.streetId}::int and nullif(trim(t.topic), '') = ${h.topic}::text and ${placeFilter}
        and t.received_at >= ${new Date(`${from}T00:00:00+08:00`)}::timestamptz and t.received_at < ${new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000)}::timestamptz
      order by t.received_at, t.id limit 50`.execute(db),
    h.unitIds.length ? db.selectFrom('unit').select(['name', 'head', 'deputyLeader']).where('id', 'in', h.unitIds).orderBy('code').execute() : Promise.resolve([]),
  ]);
  const total = Number(tickets.rows[0]?.total ?? 0);
  const sections: ReportSection[] = [
    {
      heading: '预警情况',
      blocks: [
        tableBlock(
          kvTable('warning-facts', '预警信息', [
            ['预警类型', '苗头预警'],
            ['诉求主题', h.topic],
            [h.committeeName !== null ? '所属居委' : '道路', place],
            ['开始日期', day(h.openedOn)],
            ['最近一日', day(h.lastDay)],
            ['7日峰值', `${h.peakCount} 件（${day(h.peakOn)}）`],
            ['此前7日均值', Number(h.baseline).toFixed(2)],
            ['涉及单位', units.map((u) => u.name).join('、') || null],
            ['分管领导', [...new Set(units.map((u) => u.deputyLeader).filter(Boolean))].join('、') || null],
            ['预警状态', HOTSPOT_STATUS[h.status] ?? h.status],
            ['签收时间', dt(h.acknowledgedAt)],
            ['消除日期', day(h.closedOn)],
          ]),
        ),
        para('同一区域同一诉求主题近7日受理量达到预警条件（不少于规定件数，且为此前8周平均水平的规定倍数以上），有集中投诉苗头：请涉及单位提前研判、主动治理，分管领导督促落实；7日受理量回落到条件以下时预警消除。'),
      ],
    },
    { heading: '相关工单', blocks: [tableBlock(groupTable(tickets.rows, total))] },
    { heading: '领导批示', blocks: [para('批示：'), para('　'), para('　'), signature('领导')] },
    { heading: '处置及反馈情况', blocks: [para('（请涉及单位填写原因研判、处置措施和完成情况。）'), para('　'), signature('涉及单位负责人')] },
  ];
  const hName = await streetName(db, h.streetId);
  return formDoc({
    kind: 'WARNING_FORM',
    scope,
    streetName: hName,
    streetId: h.streetId,
    period,
    title: '12345市民服务热线苗头预警单',
    docNumber: await warningDocNumber(db, hName, 'hotspot', h.id),
    subtitle: `${place}·${h.topic}`,
    sections,
    now,
  });
}

// ——— 领导派单 / 督办单 ———

export async function buildLeaderOrderForm(db: Db, scope: Scope, period: string, now: Date): Promise<ReportDocument> {
  const subject = parseFormPeriod('LEADER_ORDER_FORM', period);
  let ticketId: number;
  let onlyOrder: number | null = null;
  if (subject.type === 'order') {
    const o = await sql<{ ticketId: number }>`select o.ticket_id from leader_order o join ticket t on t.id = o.ticket_id where o.id = ${subject.id}::int and ${streetFilter(scope, 't')}`.execute(db);
    if (!o.rows[0]) throw notFound('领导督办单', subject.id);
    ticketId = Number(o.rows[0].ticketId);
    onlyOrder = subject.id;
  } else ticketId = subject.id;
  const t = await loadTicket(db, scope, ticketId);
  const tStreet = await streetName(db, t.streetId);
  const [orders, escalations] = await Promise.all([
    sql<Record<string, unknown>>`
      select o.*, coalesce(au.display_name, au.username) as completed_by_name
      from leader_order o left join app_user au on au.id = o.completed_by
      where o.ticket_id = ${t.id}::int ${onlyOrder !== null ? sql`and o.id = ${onlyOrder}::int` : sql``}
      order by o.issued_at, o.id`.execute(db),
    onlyOrder !== null
      ? Promise.resolve({ rows: [] as Record<string, unknown>[] })
      : sql<Record<string, unknown>>`select e.* from escalation e where e.street_id = ${t.streetId}::int and ${t.id}::int = any(e.ticket_ids) order by e.id`.execute(db),
  ]);
  const serials = await Promise.all(orders.rows.map((o) => formSerial(db, 'order', Number(o.id))));
  const orderNumber = (i: number) => docNumber(tStreet, '督办', serials[i]!.year, serials[i]!.serial);
  const dispatched = onlyOrder === null && (t.channel === 'LEADER_DISPATCH' || !!t.leaderInstruction || !!t.leaderName);
  if (!dispatched && !orders.rows.length && !escalations.rows.length) {
    const msg = `工单 ${t.number} 没有领导派单、领导督办单或提级办理记录`;
    throw badInput(msg, { period: msg });
  }
  const sections: ReportSection[] = [{ heading: '工单情况', blocks: [tableBlock(ticketFacts(t))] }];
  if (dispatched) {
    sections.push({
      heading: '领导派单',
      blocks: [
        tableBlock(
          kvTable('leader-dispatch', '派单及批示', [
            ['派单领导', (t.leaderName as string) ?? (t.leaderUserName as string) ?? null],
            ['派单时间', dt(t.dispatchedAt)],
            ['领导批示', masked(t, t.leaderInstruction) ?? NONE],
            ['办理时限', dt(t.completionDue)],
            ['承办单位', t.unitName as string],
          ]),
        ),
      ],
    });
  }
  for (const [i, o] of orders.rows.entries()) {
    sections.push({
      heading: orders.rows.length > 1 ? `领导督办（第${i + 1}次）` : '领导督办',
      blocks: [
        tableBlock(
          kvTable(`leader-order-${o.id}`, '督办单', [
            ['督办单编号', orderNumber(i)],
            ['督办领导', o.leaderName as string],
            ['督办时间', dt(o.issuedAt)],
            ['督办事由（批示）', masked(t, o.reason) ?? NONE],
            ['办结时限', dt(o.dueAt)],
            ['办结时间', dt(o.completedAt)],
            ['是否按期', o.completedAt ? (new Date(String(iso(o.completedAt))) <= new Date(String(iso(o.dueAt))) ? '按期' : '超期') : '在办'],
            ['办结说明', masked(t, o.completionNote) ?? '（尚未办结）'],
            ['办结登记人', (o.completedByName as string) ?? null],
          ]),
        ),
      ],
    });
  }
  if (escalations.rows.length) {
    sections.push({
      heading: '提级办理（一事一议）',
      blocks: escalations.rows.map((e) =>
        tableBlock(
          kvTable(`escalation-${e.id}`, String(e.title), [
            ['会议日期', day(e.meetingDate)],
            ['决定', (e.decision as string) ?? null],
            ['责任', (e.owner as string) ?? null],
            ['时限', day(e.due)],
          ]),
        ),
      ),
    });
  }
  sections.push({ heading: '办理情况', blocks: [tableBlock(handlingFacts(t))] });
  sections.push({
    heading: '书面办结说明',
    blocks: [para(masked(t, t.completionNote) ?? '（尚未填写。领导派单、领导督办的工单须有书面办结说明方可办结。）'), signature('承办单位负责人')],
  });
  const title = onlyOrder !== null ? '领导督办单' : dispatched && orders.rows.length ? '领导派单及督办单' : dispatched ? '领导派单' : orders.rows.length ? '领导督办单' : '提级办理单';
  return formDoc({
    kind: 'LEADER_ORDER_FORM',
    scope,
    streetName: tStreet,
    streetId: t.streetId,
    period,
    title: `12345市民服务热线${title}`,
    // A 督办单 is numbered in its street's year; a 派单 form carries the 工单编号 it was dispatched under.
    docNumber: onlyOrder !== null ? orderNumber(0) : docNumber(tStreet, '派单', String(iso(t.receivedAt)).slice(0, 4), t.number as string),
    subtitle: `工单 ${t.number}`,
    sections,
    now,
  });
}
