// 专报 (HOTSPOT, domain.md §5b): one matter of a street — a topic, a 居委, a road, a repeat group or a 苗头
// warning's pair — over a date range: how it grew (tickets a week, as a chart), where (addresses and roads, 居委),
// the units that handled it with their indicators for the range (memberKpis: the same statement as `kpis`),
// the tickets, the warnings, meeting decisions and escalations about them, and room for suggestions.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../kpis';
import type { CellValue, ReportChart, ReportColumn, ReportDocument, ReportSection } from '../document/model';
import { notFound } from '../../errors';
import { maskAddress } from '../../domain/personal';
import { addDays, isoWeekOf, isoWeekRange, shanghaiDate, shanghaiStartOfDay, type Day } from '../../domain/time';
import {
  capNote,
  chineseDate,
  dayPeriod,
  iso,
  LIST_LIMIT,
  memberKpis,
  para,
  RATE_KEYS,
  rateColumns,
  RESOLUTION_LABEL,
  scopeTicketFilter,
  tableBlock,
  type Scope,
} from './common';
import { hotspotWarningTable } from './lists';
import { parseHotspotPeriod, type HotspotSubject } from './subject';
import { hotspotDocNumber } from './doc-number';

type Row = Record<string, CellValue>;

export const TICKET_STATUS_LABEL: Record<string, string> = {
  RECEIVED: '已受理',
  DISPATCHED: '已派单',
  ACCEPTED: '已签收',
  IN_PROGRESS: '处理中',
  SUBMITTED: '待审核',
  CLOSED: '已办结',
  RETURN_PENDING: '退单审批中',
};

/** The 居委 of a ticket (alias t) as the hotspot rule names it: the committee unit's name, else the name written. */
const AREA_OF = sql<string>`coalesce((select cu.name from unit cu where cu.id = t.committee_unit_id), nullif(trim(t.committee_name), ''))`;
/** The road parsed from the ticket's current address (ticket_road, filled by the hotspot job). */
const ROAD_OF = sql<string>`(select r.road from ticket_road r where r.ticket_id = t.id and r.address_hash = md5(t.address))`;
const TOPIC_OF = sql<string>`nullif(trim(t.topic), '')`;

const streetsOf = (scope: Scope) =>
  scope.streetId !== null ? sql`(${scope.streetId}::int)` : sql`(select s.id from street s where s.district_id = ${scope.districtId}::int)`;

interface Resolved {
  /** 餐饮油烟 / 塘桥新路餐饮油烟 / 重复工单 2306… */
  label: string;
  filter: RawBuilder<boolean>;
  /** What the subject is, for the opening paragraph. */
  what: string;
  hotspotWarningId?: number;
  masterId?: number;
}

async function resolveSubject(db: Db, scope: Scope, s: HotspotSubject): Promise<Resolved> {
  switch (s.type) {
    case 'topic':
      return { label: s.name, what: `诉求主题“${s.name}”`, filter: sql<boolean>`${TOPIC_OF} = ${s.name}::text` };
    case 'area':
      return { label: s.name, what: `${s.name}辖区`, filter: sql<boolean>`${AREA_OF} = ${s.name}::text` };
    case 'road':
      return { label: s.name, what: `${s.name}沿线`, filter: sql<boolean>`${ROAD_OF} = ${s.name}::text` };
    case 'group': {
      const { rows } = await sql<{ id: number; number: string; topic: string | null }>`
        select t.id, t.number, t.topic from ticket t where t.id = ${s.id}::int and t.repeat_of_id is null and ${scopeTicketFilter(scope)}`.execute(db);
      const m = rows[0];
      if (!m) throw notFound('重复工单组', s.id);
      return {
        label: `重复工单${m.number}${m.topic ? `（${m.topic}）` : ''}`,
        what: `重复工单组（主单 ${m.number}${m.topic ? `，${m.topic}` : ''}）`,
        filter: sql<boolean>`coalesce(t.repeat_of_id, t.id) = ${m.id}::int`,
        masterId: m.id,
      };
    }
    case 'hotspot': {
      const h = await db
        .selectFrom('hotspotWarning')
        .select(['id', 'topic', 'committeeName', 'road', 'streetId'])
        .where('id', '=', s.id)
        .where(sql<boolean>`street_id in ${streetsOf(scope)}`)
        .executeTakeFirst();
      if (!h) throw notFound('苗头预警', s.id);
      const place = h.committeeName ?? h.road ?? '';
      const placeFilter = h.committeeName !== null ? sql<boolean>`${AREA_OF} = ${h.committeeName}::text` : sql<boolean>`${ROAD_OF} = ${h.road}::text`;
      return {
        label: `${place}${h.topic}`,
        what: `${place}${h.committeeName !== null ? '' : '沿线'}的“${h.topic}”问题（苗头预警）`,
        filter: sql<boolean>`(${TOPIC_OF} = ${h.topic}::text and ${placeFilter})`,
        hotspotWarningId: h.id,
      };
    }
  }
}

/** The ISO weeks touching [from, to], each clipped to the range: the chart's bars. */
export function rangeWeeks(from: Day, to: Day): { key: string; label: string; from: Day; to: Day }[] {
  const out: { key: string; label: string; from: Day; to: Day }[] = [];
  for (let d = from; d <= to; ) {
    const week = isoWeekOf(d);
    const [, end] = isoWeekRange(week);
    const sunday = addDays(shanghaiDate(end), -1);
    const last = sunday < to ? sunday : to;
    out.push({ key: week, label: `${Number(d.slice(5, 7))}/${Number(d.slice(8))}`, from: d, to: last });
    d = addDays(last, 1);
  }
  return out;
}

export async function buildHotspot(db: Db, scope: Scope, period: string, now: Date): Promise<ReportDocument> {
  const { subject, from, to } = parseHotspotPeriod(period);
  const r = await resolveSubject(db, scope, subject);
  const start = shanghaiStartOfDay(from);
  const end = shanghaiStartOfDay(addDays(to, 1));
  const inScope = sql<boolean>`${scopeTicketFilter(scope)} and ${r.filter} and t.received_at >= ${start}::timestamptz and t.received_at < ${end}::timestamptz`;
  const weeks = rangeWeeks(from, to);
  const weekValues = sql.join(weeks.map((w) => sql`(${w.key}::text, ${shanghaiStartOfDay(w.from)}::timestamptz, ${shanghaiStartOfDay(addDays(w.to, 1))}::timestamptz)`));
  const byDimension = (expr: RawBuilder<string>, n: number) =>
    sql<{ name: string; n: number; closed: number }>`
      select ${expr} as name, count(*)::int as n, count(t.closed_at)::int as closed
      from ticket t where ${inScope} and ${expr} is not null
      group by 1 order by 2 desc, 1 limit ${n}`.execute(db);
  const [totals, weekly, roads, areas, topics, units, list, members] = await Promise.all([
    sql<{ n: number; repeats: number; closed: number; resolved: number; units: number; areas: number; ids: number[] }>`
      select count(*)::int as n, count(t.repeat_of_id)::int as repeats, count(t.closed_at)::int as closed,
             count(*) filter (where t.resolution = 'ACTUALLY_RESOLVED')::int as resolved,
             count(distinct t.unit_id)::int as units, count(distinct ${AREA_OF})::int as areas,
             coalesce(array_agg(t.id order by t.id), '{}') as ids
      from ticket t where ${inScope}`.execute(db),
    sql<{ key: string; n: number }>`
      with weeks (key, start_at, end_at) as (values ${weekValues})
      select w.key, count(t.id)::int as n
      from weeks w left join ticket t on t.received_at >= w.start_at and t.received_at < w.end_at and ${inScope}
      group by w.key`.execute(db),
    // Addresses without a parsed road are shown with their house number masked (domain.md §8), then merged.
    byDimension(sql<string>`coalesce(${ROAD_OF}, nullif(trim(t.address), ''))`, 500),
    byDimension(AREA_OF, 10),
    byDimension(TOPIC_OF, 10),
    sql<{ unitId: number; n: number; closed: number; open: number }>`
      select t.unit_id, count(*)::int as n, count(t.closed_at)::int as closed, count(*) filter (where t.closed_at is null)::int as open
      from ticket t where ${inScope} and t.unit_id is not null
      group by 1 order by 2 desc, 1`.execute(db),
    sql<Record<string, unknown>>`
      select t.id, t.number, t.received_at, u.name as unit_name, t.topic, ${AREA_OF} as area, t.status, t.resolution, t.closed_at, t.repeat_of_id
      from ticket t left join unit u on u.id = t.unit_id
      where ${inScope}
      order by t.received_at, t.id limit ${LIST_LIMIT}`.execute(db),
    memberKpis(db, scope, [dayPeriod(period, from, to)], now),
  ]);
  const tot = totals.rows[0]!;
  const ids = (tot.ids ?? []).map(Number);
  const total = Number(tot.n);
  const counts = new Map(weekly.rows.map((w) => [w.key, Number(w.n)]));
  const weekData = weeks.map((w) => counts.get(w.key) ?? 0);
  const peak = weekData.reduce((best, v, i) => (v > weekData[best]! ? i : best), 0);
  const isStreet = scope.streetId !== null;
  const sections: ReportSection[] = [];

  const chart: ReportChart = {
    id: 'hotspot-weekly',
    title: `图1 ${r.label}每周工单量`,
    kind: 'bar',
    categories: weeks.map((w) => w.label),
    series: [{ name: '受理量', data: weekData }],
  };
  const rangeText = `${chineseDate(from)}至${chineseDate(to)}`;
  sections.push({
    heading: '基本情况',
    blocks: [
      para(
        total
          ? `${rangeText}，${scope.name}共受理涉及${r.what}的工单 ${total} 件（其中重复件 ${tot.repeats} 件），涉及承办单位 ${tot.units} 个、居委 ${tot.areas} 个；` +
              `受理量最多的一周为 ${weeks[peak]!.from} 起的一周（${weekData[peak]} 件）。截至${chineseDate(shanghaiDate(now))}，已办结 ${tot.closed} 件（其中实际解决 ${tot.resolved} 件），在办 ${total - Number(tot.closed)} 件。`
          : `${rangeText}，${scope.name}未受理涉及${r.what}的工单。`,
      ),
      { type: 'chart', chart },
      tableBlock({
        id: 'hotspot-weeks',
        title: '表1 每周受理量',
        columns: [
          { key: 'week', label: '周次', format: 'text', width: 10 },
          { key: 'from', label: '起', format: 'date', width: 11 },
          { key: 'to', label: '止', format: 'date', width: 11 },
          { key: 'count', label: '受理量', format: 'int', width: 8 },
        ],
        rows: weeks.map((w, i) => ({ week: w.key, from: w.from, to: w.to, count: weekData[i]! })),
        note: '首尾两周只计期间内的日期。',
      }),
    ],
  });

  const dimTable = (id: string, title: string, label: string, rows: { name: string; n: number; closed: number }[]) =>
    tableBlock({
      id,
      title,
      columns: [
        { key: 'rank', label: '序号', format: 'int', width: 5 },
        { key: 'name', label, format: 'text', width: 24 },
        { key: 'count', label: '工单量', format: 'int', width: 8 },
        { key: 'closed', label: '已办结', format: 'int', width: 8 },
      ],
      rows: rows.map((x, i) => ({ rank: i + 1, name: x.name, count: Number(x.n), closed: Number(x.closed) })),
    });
  const places = new Map<string, { name: string; n: number; closed: number }>();
  for (const x of roads.rows) {
    const name = maskAddress(x.name) ?? x.name;
    const p = places.get(name) ?? { name, n: 0, closed: 0 };
    p.n += Number(x.n);
    p.closed += Number(x.closed);
    places.set(name, p);
  }
  const topPlaces = [...places.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name)).slice(0, 10);
  const where = [dimTable('hotspot-places', '表2 主要道路及地址', '道路/地址', topPlaces)];
  if (subject.type !== 'area' && !(subject.type === 'hotspot' && areas.rows.length <= 1)) where.push(dimTable('hotspot-areas', '表3 涉及居委', '居委', areas.rows));
  if (subject.type !== 'topic' && subject.type !== 'hotspot') where.push(dimTable('hotspot-topics', `表${where.length + 2} 诉求主题`, '诉求主题', topics.rows));
  sections.push({ heading: '分布情况', blocks: total ? where : [para('无。')] });

  // The handling units: the matter's tickets each holds, and the unit's own indicators over the same days.
  const k = members.kpis.get(period)!;
  const memberById = new Map(members.members.map((m) => [m.id, m]));
  const unitRows: Row[] = [];
  const marks: Record<number, string[]> = {};
  const rateCols = rateColumns(scope.scheme);
  for (const u of units.rows) {
    const unitId = Number(u.unitId);
    const m = memberById.get(unitId);
    const kk = isStreet ? k.get(unitId) : undefined;
    const row: Row = { id: unitId, name: m?.name ?? (await unitName(db, unitId)), count: Number(u.n), closed: Number(u.closed), open: Number(u.open) };
    for (const key of RATE_KEYS) row[key] = kk ? kk[key] : null;
    row.receivedCount = kk ? kk.receivedCount : null;
    row.closedCount = kk ? kk.closedCount : null;
    const below = rateCols.filter((c) => typeof row[c.key] === 'number' && (row[c.key] as number) + 1e-9 < (c.target ?? 0)).map((c) => c.key);
    if (below.length) marks[unitRows.length] = below;
    unitRows.push(row);
  }
  const unitColumns: ReportColumn[] = [
    { key: 'name', label: '承办单位', format: 'text', width: 14 },
    { key: 'count', label: '本专题工单', format: 'int', width: 7 },
    { key: 'closed', label: '已办结', format: 'int', width: 6 },
    { key: 'open', label: '在办', format: 'int', width: 5 },
    ...(isStreet ? rateCols : []),
  ];
  sections.push({
    heading: '承办单位办理情况',
    blocks: unitRows.length
      ? [
          tableBlock({
            id: 'hotspot-units',
            title: `表${where.length + 2} 承办单位及其指标`,
            columns: unitColumns,
            rows: unitRows,
            ...(Object.keys(marks).length ? { marks } : {}),
            note: isStreet ? `各项指标为该单位${rangeText}全部工单的指标（与指标看板、排名页同一口径），低于目标值的标红。` : undefined,
          }),
        ]
      : [para('无承办单位。')],
  });

  const listRows: Row[] = list.rows.map((t) => ({
    id: Number(t.id),
    number: String(t.number),
    receivedAt: iso(t.receivedAt),
    unit: (t.unitName as string) ?? null,
    topic: (t.topic as string) ?? null,
    area: (t.area as string) ?? null,
    status: t.closedAt ? (t.resolution ? RESOLUTION_LABEL[String(t.resolution)] ?? '已办结' : '已办结') : TICKET_STATUS_LABEL[String(t.status)] ?? String(t.status),
    repeat: t.repeatOfId ? '是' : '',
  }));
  sections.push({
    heading: '工单清单',
    blocks: listRows.length
      ? [
          tableBlock({
            id: 'hotspot-tickets',
            title: `表${where.length + 3} 工单清单`,
            columns: [
              { key: 'number', label: '工单编号', format: 'text', width: 15 },
              { key: 'receivedAt', label: '受理时间', format: 'datetime', width: 15 },
              { key: 'unit', label: '承办单位', format: 'text', width: 13 },
              { key: 'topic', label: '诉求主题', format: 'text', width: 10 },
              { key: 'area', label: '居委', format: 'text', width: 10 },
              { key: 'status', label: '办理结果', format: 'text', width: 8 },
              { key: 'repeat', label: '重复件', format: 'text', width: 5 },
            ],
            rows: listRows,
            note: capNote(total, listRows.length),
          }),
        ]
      : [para('无。')],
  });

  sections.push(await actionsSection(db, scope, ids, r, from, to));

  sections.push({
    heading: '工作建议',
    blocks: [
      para('（一）源头治理：（请结合现场调查填写整改措施、责任单位和完成时限。）'),
      para('（二）协调联动：（请填写需提请分管领导、主要领导或领导小组协调的事项。）'),
      para('（三）长效管理：（请填写防止问题反弹的常态化管理措施。）'),
    ],
  });

  return {
    kind: 'HOTSPOT',
    period,
    streetId: isStreet ? String(scope.streetId) : null,
    issuer: scope.issuer,
    title: `关于${r.label}问题的专报`,
    docNumber: await hotspotDocNumber(db, { streetId: isStreet ? scope.streetId : null, period, organ: scope.name, year: from.slice(0, 4) }),
    subtitle: rangeText,
    date: shanghaiDate(now),
    sections,
    printedBy: scope.issuer,
    computedAt: now.toISOString(),
  };
}

async function unitName(db: Db, id: number): Promise<string> {
  const u = await db.selectFrom('unit').select('name').where('id', '=', id).executeTakeFirst();
  return u?.name ?? String(id);
}

/** 处置情况: the warnings about the matter, and the meeting decisions and escalations naming its tickets. */
async function actionsSection(db: Db, scope: Scope, ids: number[], r: Resolved, from: Day, to: Day): Promise<ReportSection> {
  const idArray = sql`${ids}::int[]`;
  const [repeatW, hotspotW, decisions, escalations] = await Promise.all([
    ids.length
      ? sql<Record<string, unknown>>`
          select w.id, w.date, w.level, w.count, w.status, w.special_study, m.number
          from warning w join ticket m on m.id = w.master_ticket_id
          where w.street_id in ${streetsOf(scope)} and w.master_ticket_id = any(${idArray}) and w.date >= ${from}::date and w.date <= ${to}::date
          order by w.date, w.id limit 50`.execute(db)
      : Promise.resolve({ rows: [] }),
    r.hotspotWarningId !== undefined
      ? sql<Record<string, unknown>>`select h.id, h.topic, coalesce(h.committee_name, h.road) as place, h.opened_on, h.last_day, h.peak_count, h.status from hotspot_warning h where h.id = ${r.hotspotWarningId}::int`.execute(db)
      : ids.length
        ? sql<Record<string, unknown>>`
            select h.id, h.topic, coalesce(h.committee_name, h.road) as place, h.opened_on, h.last_day, h.peak_count, h.status
            from hotspot_warning h
            where h.street_id in ${streetsOf(scope)} and h.opened_on <= ${to}::date and h.last_day >= ${from}::date
              and exists (select 1 from ticket t where t.id = any(${idArray}) and nullif(trim(t.topic), '') = h.topic
                          and (${AREA_OF} = h.committee_name or ${ROAD_OF} = h.road))
            order by h.opened_on, h.id limit 50`.execute(db)
        : Promise.resolve({ rows: [] }),
    ids.length
      ? sql<Record<string, unknown>>`
          select d.id, m.held_on, m.kind, d.text, coalesce(u.name, au.display_name, au.username) as owner, d.due_on, d.status, d.done_note
          from meeting m join meeting_decision d on d.meeting_id = m.id
          left join unit u on u.id = d.owner_unit_id left join app_user au on au.id = d.owner_user_id
          where m.street_id in ${streetsOf(scope)} and m.ticket_ids && ${idArray}
          order by m.held_on, d.id limit 50`.execute(db)
      : Promise.resolve({ rows: [] }),
    ids.length
      ? sql<Record<string, unknown>>`
          select e.id, e.title, e.meeting_date, e.decision, e.owner, e.due from escalation e
          where e.street_id in ${streetsOf(scope)} and e.ticket_ids && ${idArray}
          order by e.id limit 50`.execute(db)
      : Promise.resolve({ rows: [] }),
  ]);
  const blocks: ReportSection['blocks'] = [];
  const day = (v: unknown) => (v == null ? null : String(v instanceof Date ? shanghaiDate(v) : v).slice(0, 10));
  if (repeatW.rows.length)
    blocks.push(
      tableBlock({
        id: 'hotspot-repeat-warnings',
        title: '重复工单预警',
        columns: [
          { key: 'date', label: '日期', format: 'date', width: 11 },
          { key: 'level', label: '等级', format: 'text', width: 8 },
          { key: 'number', label: '主单编号', format: 'text', width: 16 },
          { key: 'count', label: '当日件数', format: 'int', width: 8 },
          { key: 'status', label: '状态', format: 'text', width: 10 },
        ],
        rows: repeatW.rows.map((w) => ({ date: day(w.date), level: w.level === 'RED' ? '红色' : '黄色', number: String(w.number), count: Number(w.count), status: w.status === 'CLOSED' ? '已关闭' : w.specialStudy ? '专题研究' : w.status === 'ACKNOWLEDGED' ? '已签收' : '未处置' })),
      }),
    );
  if (hotspotW.rows.length)
    blocks.push(
      hotspotWarningTable('苗头预警', hotspotW.rows.map((h) => ({ topic: String(h.topic), place: String(h.place), openedOn: day(h.openedOn), lastDay: day(h.lastDay), peak: Number(h.peakCount), status: h.status === 'CLOSED' ? '已消除' : h.status === 'ACKNOWLEDGED' ? '已签收' : '未签收' }))),
    );
  if (decisions.rows.length)
    blocks.push(
      tableBlock({
        id: 'hotspot-decisions',
        title: '会议决定',
        columns: [
          { key: 'heldOn', label: '会议日期', format: 'date', width: 11 },
          { key: 'text', label: '决定事项', format: 'text', width: 30 },
          { key: 'owner', label: '责任单位/人', format: 'text', width: 12 },
          { key: 'dueOn', label: '完成时限', format: 'date', width: 11 },
          { key: 'status', label: '状态', format: 'text', width: 14 },
        ],
        rows: decisions.rows.map((d) => ({ heldOn: day(d.heldOn), text: String(d.text), owner: (d.owner as string) ?? null, dueOn: day(d.dueOn), status: d.status === 'DONE' ? `已办结${d.doneNote ? `：${d.doneNote}` : ''}` : '进行中' })),
      }),
    );
  if (escalations.rows.length)
    blocks.push(
      tableBlock({
        id: 'hotspot-escalations',
        title: '提级办理（一事一议）',
        columns: [
          { key: 'title', label: '事项', format: 'text', width: 18 },
          { key: 'meetingDate', label: '会议日期', format: 'date', width: 11 },
          { key: 'decision', label: '决定', format: 'text', width: 24 },
          { key: 'owner', label: '责任', format: 'text', width: 10 },
          { key: 'due', label: '时限', format: 'date', width: 11 },
        ],
        rows: escalations.rows.map((e) => ({ title: String(e.title), meetingDate: day(e.meetingDate), decision: (e.decision as string) ?? null, owner: (e.owner as string) ?? null, due: day(e.due) })),
      }),
    );
  return { heading: '预警与处置情况', blocks: blocks.length ? blocks : [para('期间内无相关预警、会议决定或提级办理事项。')] };
}

