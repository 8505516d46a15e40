// Hotspot warnings (苗头, domain.md §5), stored and kept current as tickets change: SQL counts each pair's
// tickets per day for the affected street and days; domain/hotspot.ts decides the 苗头 days and the warnings.
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import { roadOf } from '../domain/address';
import { HOTSPOT_DEFAULTS, REACH_DAYS, hotspotDays, hotspotEpisodes, type HotspotEpisode, type HotspotRule } from '../domain/hotspot';
import { addDays, shanghaiDate, shanghaiStartOfDay, type Day } from '../domain/time';

type Db = Kysely<Database> | Transaction<Database>;

export type PairKind = 'COMMITTEE' | 'ROAD';
export interface Pair {
  topic: string;
  kind: PairKind;
  /** The 居委's name or the road. */
  place: string;
}
const pairKey = (p: Pair) => `${p.topic}\u0001${p.kind}\u0001${p.place}`;

/** The active scheme's hotspotMin / hotspotRatio (domain.md §5 defaults without one). */
export async function loadHotspotRule(db: Db): Promise<HotspotRule> {
  const r = await db
    .selectFrom('scoringScheme')
    .select(['hotspotMin', 'hotspotRatio'])
    .orderBy('active', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { min: Number(r.hotspotMin), ratio: Number(r.hotspotRatio) } : HOTSPOT_DEFAULTS;
}

const md5 = (s: string) => crypto.createHash('md5').update(s, 'utf8').digest('hex');

/** Parses the road of every ticket of the street received in [from, to] whose address is new or changed. */
export async function parseRoads(db: Db, streetId: number, from: Day, to: Day): Promise<number> {
  const rows = await sql<{ id: number; address: string }>`
    select t.id, t.address from ticket t left join ticket_road r on r.ticket_id = t.id
    where t.street_id = ${streetId} and t.received_at >= ${shanghaiStartOfDay(from)} and t.received_at < ${shanghaiStartOfDay(addDays(to, 1))}
      and t.address is not null and (r.ticket_id is null or r.address_hash <> md5(t.address))`.execute(db);
  if (!rows.rows.length) return 0;
  for (let i = 0; i < rows.rows.length; i += 5000) {
    const part = rows.rows.slice(i, i + 5000).map((r) => ({ ticket_id: r.id, address_hash: md5(r.address), road: roadOf(r.address) }));
    await sql`
      insert into ticket_road (ticket_id, address_hash, road)
      select x.ticket_id, x.address_hash, x.road from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as x(ticket_id int, address_hash text, road text)
      on conflict (ticket_id) do update set address_hash = excluded.address_hash, road = excluded.road`.execute(db);
  }
  return rows.rows.length;
}

interface DailyRow {
  topic: string;
  kind: PairKind;
  place: string;
  day: string;
  n: number;
  unitIds: number[];
}

/**
 * Each pair's tickets per day received in [from, to]: one row per (topic, 居委 or road, day), with the units
 * holding them. The 居委 is the committee unit's name when the ticket names one, else the name as written.
 */
export async function dailyPairCounts(db: Db, streetId: number, from: Day, to: Day): Promise<DailyRow[]> {
  const r = await sql<DailyRow>`
    select t.topic, p.kind, p.place, (t.received_at at time zone 'Asia/Shanghai')::date as day, count(*)::int as n,
           coalesce(array_agg(distinct t.unit_id) filter (where t.unit_id is not null), '{}') as unit_ids
    from (
      select t.id, nullif(trim(t.topic), '') as topic, t.received_at, t.unit_id, t.address,
             coalesce(cu.name, nullif(trim(t.committee_name), '')) as committee, r.road
      from ticket t
      left join unit cu on cu.id = t.committee_unit_id
      left join ticket_road r on r.ticket_id = t.id and r.address_hash = md5(t.address)
      where t.street_id = ${streetId} and t.received_at >= ${shanghaiStartOfDay(from)} and t.received_at < ${shanghaiStartOfDay(addDays(to, 1))}
    ) t
    cross join lateral (values ('COMMITTEE', t.committee), ('ROAD', t.road)) as p(kind, place)
    where t.topic is not null and p.place is not null
    group by 1, 2, 3, 4`.execute(db);
  return r.rows.map((x) => ({ ...x, day: String(x.day), n: Number(x.n), unitIds: (x.unitIds ?? []).map(Number) }));
}

export interface PairEpisode extends HotspotEpisode {
  pair: Pair;
  unitIds: number[];
}

/** The 苗头 warnings of every pair of the street on the days [from, to], as the rule decides them today. */
export function episodesOf(daily: DailyRow[], from: Day, to: Day, today: Day, rule: HotspotRule): PairEpisode[] {
  const byPair = new Map<string, { pair: Pair; counts: Map<Day, number>; units: Map<Day, number[]> }>();
  for (const r of daily) {
    const pair = { topic: r.topic, kind: r.kind, place: r.place };
    const k = pairKey(pair);
    let e = byPair.get(k);
    if (!e) byPair.set(k, (e = { pair, counts: new Map(), units: new Map() }));
    e.counts.set(r.day, r.n);
    e.units.set(r.day, r.unitIds);
  }
  const out: PairEpisode[] = [];
  for (const { pair, counts, units } of byPair.values()) {
    // A pair without a week of at least `min` tickets cannot fire: skip the day-by-day pass.
    if ([...counts.values()].reduce((a, b) => a + b, 0) < rule.min) continue;
    for (const ep of hotspotEpisodes(hotspotDays(counts, from, to, rule), today)) {
      const held = new Set<number>();
      for (let d = addDays(ep.openedOn, -6); d <= ep.lastDay; d = addDays(d, 1)) for (const u of units.get(d) ?? []) held.add(u);
      out.push({ ...ep, pair, unitIds: [...held].sort((a, b) => a - b) });
    }
  }
  return out;
}

interface StoredWarning {
  id: number;
  topic: string;
  committeeName: string | null;
  road: string | null;
  openedOn: string;
  lastDay: string;
  closedOn: string | null;
  peakCount: number;
  peakOn: string;
  baseline: number;
  unitIds: number[];
  status: string;
  acknowledgedAt: Date | null;
}

const pairOfStored = (w: StoredWarning): Pair =>
  w.committeeName !== null ? { topic: w.topic, kind: 'COMMITTEE', place: w.committeeName } : { topic: w.topic, kind: 'ROAD', place: w.road! };

async function storedOverlapping(db: Db, streetId: number, from: Day, to: Day): Promise<StoredWarning[]> {
  const rows = await db
    .selectFrom('hotspotWarning')
    .select(['id', 'topic', 'committeeName', 'road', 'openedOn', 'lastDay', 'closedOn', 'peakCount', 'peakOn', 'baseline', 'unitIds', 'status', 'acknowledgedAt'])
    .where('streetId', '=', streetId)
    .where('lastDay', '>=', from)
    .where('openedOn', '<=', to)
    .execute();
  return rows.map((r) => ({ ...r, baseline: Number(r.baseline), unitIds: (r.unitIds ?? []).map(Number) })) as StoredWarning[];
}

/** Inside a unit handler's confined session (db/scope.ts) the street's other tickets are invisible: no refresh. */
async function confinedToUnit(db: Db): Promise<boolean> {
  const r = await sql<{ v: string | null }>`select current_setting('rexian.unit_id', true) as v`.execute(db);
  return !!r.rows[0]?.v;
}

export interface RefreshResult {
  from: Day;
  to: Day;
  opened: number;
  updated: number;
  removed: number;
}

/**
 * Brings the street's stored 苗头 warnings up to date after tickets received on days [from, to] changed: the
 * rule of every day they weigh on (to + 62) is decided again, widened to whole stored warnings, and the warnings
 * are matched to the stored ones by pair and overlap (an acknowledgement survives a recount).
 */
export async function refreshHotspots(db: Db, streetId: number, from: Day, to: Day, now = new Date()): Promise<RefreshResult | null> {
  const today = shanghaiDate(now);
  let lo = from;
  let hi = addDays(to, REACH_DAYS) < today ? addDays(to, REACH_DAYS) : today;
  if (lo > today || (await confinedToUnit(db))) return null;
  // Widen to the stored warnings touching the range (and those touching theirs), so each is decided whole.
  for (;;) {
    const touching = await storedOverlapping(db, streetId, addDays(lo, -1), addDays(hi, 1));
    let nlo = lo;
    let nhi = hi;
    for (const w of touching) {
      if (w.openedOn < nlo) nlo = w.openedOn;
      if (w.lastDay > nhi) nhi = w.lastDay > today ? today : w.lastDay;
    }
    if (nlo === lo && nhi === hi) break;
    lo = nlo;
    hi = nhi;
  }
  const rule = await loadHotspotRule(db);
  // Decide up to a day past the range that does not fire (or today): a warning is closed only by a day seen.
  let end = addDays(hi, 31) < today ? addDays(hi, 31) : today;
  let computed: PairEpisode[];
  for (;;) {
    await parseRoads(db, streetId, addDays(lo, -REACH_DAYS), end);
    computed = episodesOf(await dailyPairCounts(db, streetId, addDays(lo, -REACH_DAYS), end), lo, end, today, rule);
    if (end === today || !computed.some((e) => e.lastDay === end)) break;
    end = addDays(end, 31) < today ? addDays(end, 31) : today;
  }
  const stored = await storedOverlapping(db, streetId, lo, end);
  const out = await reconcile(db, streetId, stored, computed);
  return { from: lo, to: end, ...out };
}

async function reconcile(db: Db, streetId: number, stored: StoredWarning[], computed: PairEpisode[]) {
  const storedByPair = new Map<string, StoredWarning[]>();
  for (const w of stored) {
    const k = pairKey(pairOfStored(w));
    if (!storedByPair.has(k)) storedByPair.set(k, []);
    storedByPair.get(k)!.push(w);
  }
  const used = new Set<number>();
  const inserts: PairEpisode[] = [];
  const rewrite: Array<{ id: number; ep: PairEpisode }> = [];
  let updated = 0;
  for (const ep of computed) {
    const match = (storedByPair.get(pairKey(ep.pair)) ?? []).find((w) => !used.has(w.id) && w.openedOn <= ep.lastDay && w.lastDay >= ep.openedOn);
    if (!match) {
      inserts.push(ep);
      continue;
    }
    used.add(match.id);
    const status = ep.closedOn ? 'CLOSED' : match.acknowledgedAt ? 'ACKNOWLEDGED' : 'OPEN';
    const baseline = round3(ep.days[0]!.baseline);
    const same =
      match.openedOn === ep.openedOn && match.lastDay === ep.lastDay && match.closedOn === ep.closedOn && match.peakCount === ep.peak.count &&
      match.peakOn === ep.peak.day && match.baseline === baseline && match.status === status && match.unitIds.join() === ep.unitIds.join();
    if (same) continue;
    await db
      .updateTable('hotspotWarning')
      .set({
        openedOn: ep.openedOn,
        lastDay: ep.lastDay,
        closedOn: ep.closedOn,
        peakCount: ep.peak.count,
        peakOn: ep.peak.day,
        baseline,
        unitIds: sql`${`{${ep.unitIds.join(',')}}`}::int[]` as never,
        status,
        version: sql`version + 1` as never,
        updatedAt: new Date(),
      })
      .where('id', '=', match.id)
      .execute();
    rewrite.push({ id: match.id, ep });
    updated++;
  }
  const gone = stored.filter((w) => !used.has(w.id)).map((w) => w.id);
  if (gone.length) await db.deleteFrom('hotspotWarning').where('id', 'in', gone).execute();
  if (inserts.length) {
    const rows = inserts.map((ep) => ({
      topic: ep.pair.topic,
      committee_name: ep.pair.kind === 'COMMITTEE' ? ep.pair.place : null,
      road: ep.pair.kind === 'ROAD' ? ep.pair.place : null,
      opened_on: ep.openedOn,
      last_day: ep.lastDay,
      closed_on: ep.closedOn,
      peak_count: ep.peak.count,
      peak_on: ep.peak.day,
      baseline: round3(ep.days[0]!.baseline),
      unit_ids: ep.unitIds,
      status: ep.closedOn ? 'CLOSED' : 'OPEN',
    }));
    const ids = await sql<{ id: number; topic: string; committeeName: string | null; road: string | null; openedOn: string }>`
      insert into hotspot_warning (street_id, topic, committee_name, road, opened_on, last_day, closed_on, peak_count, peak_on, baseline, unit_ids, status)
      select ${streetId}::int, x.topic, x.committee_name, x.road, x.opened_on, x.last_day, x.closed_on, x.peak_count, x.peak_on, x.baseline,
             array(select jsonb_array_elements_text(x.unit_ids)::int), x.status
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(topic text, committee_name text, road text, opened_on date, last_day date, closed_on date, peak_count int, peak_on date, baseline numeric, unit_ids jsonb, status text)
      returning id, topic, committee_name, road, opened_on`.execute(db);
    const byKey = new Map(inserts.map((ep) => [`${pairKey(ep.pair)}\u0001${ep.openedOn}`, ep]));
    for (const r of ids.rows) {
      const pair: Pair = r.committeeName !== null ? { topic: r.topic, kind: 'COMMITTEE', place: r.committeeName } : { topic: r.topic, kind: 'ROAD', place: r.road! };
      rewrite.push({ id: r.id, ep: byKey.get(`${pairKey(pair)}\u0001${String(r.openedOn)}`)! });
    }
  }
  if (rewrite.length) {
    const updatedIds = rewrite.filter((r) => stored.some((w) => w.id === r.id)).map((r) => r.id);
    if (updatedIds.length) await db.deleteFrom('hotspotDay').where('warningId', 'in', updatedIds).execute();
    const days = rewrite.flatMap(({ id, ep }) => ep.days.map((d) => ({ warning_id: id, day: d.day, count: d.count, baseline: round3(d.baseline) })));
    for (let i = 0; i < days.length; i += 5000) {
      await sql`
        insert into hotspot_day (warning_id, day, count, baseline)
        select x.warning_id, x.day, x.count, x.baseline from jsonb_to_recordset(${JSON.stringify(days.slice(i, i + 5000))}::jsonb)
          as x(warning_id int, day date, count int, baseline numeric)`.execute(db);
    }
  }
  return { opened: inserts.length, updated, removed: gone.length };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** After tickets changed (import, create, edit): refreshes each street over the days its changed tickets were received. */
export async function refreshHotspotsForTickets(db: Db, changes: ReadonlyArray<{ streetId: unknown; receivedAt: unknown }>, now = new Date()) {
  const span = new Map<number, { from: Day; to: Day }>();
  for (const c of changes) {
    const d = shanghaiDate(new Date(c.receivedAt as Date | string));
    const streetId = Number(c.streetId);
    const s = span.get(streetId);
    if (!s) span.set(streetId, { from: d, to: d });
    else {
      if (d < s.from) s.from = d;
      if (d > s.to) s.to = d;
    }
  }
  for (const [streetId, s] of span) await refreshHotspots(db, streetId, s.from, s.to, now);
}

/** Every street over all its tickets (the demo seed; a database that had tickets before migration 0018). */
export async function refreshAllHotspots(db: Db, now = new Date()) {
  const spans = await sql<{ streetId: number; first: Date; last: Date }>`
    select street_id, min(received_at) as first, max(received_at) as last from ticket group by street_id`.execute(db);
  for (const s of spans.rows) await refreshHotspots(db, s.streetId, shanghaiDate(new Date(s.first)), shanghaiDate(new Date(s.last)), now);
}

/**
 * Time closes a warning too: a pair whose last 苗头 day has passed without a ticket since is decided again up
 * to today (the board and the daily follow-up call this).
 */
export async function closeStaleHotspots(db: Db, streetId: number | null, now = new Date()): Promise<number> {
  const today = shanghaiDate(now);
  let q = db
    .selectFrom('hotspotWarning')
    .select(['streetId', (eb) => eb.fn.min('lastDay').as('from')])
    .where('closedOn', 'is', null)
    .where('lastDay', '<', today)
    .groupBy('streetId');
  if (streetId !== null) q = q.where('streetId', '=', streetId);
  const stale = await q.execute();
  for (const s of stale) await refreshHotspots(db, s.streetId, String(s.from), String(s.from), now);
  return stale.length;
}
