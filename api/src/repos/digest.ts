// 每日预警汇总 (domain.md §5 "每日按层级报领导"): at 08:30 on working days, per street, the open warnings each level
// receives — a unit head its own unit's (repeat and 苗头), a 分管领导 the YELLOW, RED and 苗头 warnings of the units
// naming them as deputy_leader, the 主要领导 the RED ones and the special-study items. Written once per day.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { Day } from '../domain/time';

type Db = Kysely<Database> | Transaction<Database>;

export type DigestAudience = 'UNIT' | 'DEPUTY' | 'MAIN';

export interface DigestItem {
  kind: 'REPEAT' | 'HOTSPOT';
  /** Warning or HotspotWarning id. */
  id: number;
  level: 'YELLOW' | 'RED' | 'HOTSPOT';
  date: string;
  count: number;
  unitIds: number[];
  title: string;
  ticketId: number | null;
  ticketNumber: string | null;
  specialStudy: boolean;
  /** The title's pieces (repeat: the master's topic; 苗头: its topic and 居委 or road); digests written before they
   *  were stored have only the title. */
  topic?: string | null;
  place?: string | null;
}

/** The topic and place of an item, from its fields or, in a digest written before them, from its title. */
export function digestTopicPlace(i: Pick<DigestItem, 'kind' | 'title' | 'topic' | 'place'>): { topic: string | null; place: string | null } {
  if (i.topic !== undefined) return { topic: i.topic ?? null, place: i.place ?? null };
  const [, topic = null, place = null] = i.title.split(' · ');
  return { topic, place: i.kind === 'HOTSPOT' ? place || null : null };
}

export interface DigestRecipient { audience: DigestAudience; recipient: string; unitId: number | null; items: DigestItem[] }

/** Units without a 分管领导 named: their warnings still reach a deputy's list under this heading. */
export const NO_DEPUTY = '（未指定分管领导）';

/** Who gets which item (pure). */
export function digestRecipients(items: readonly DigestItem[], units: ReadonlyArray<{ id: number; deputyLeader: string | null }>): DigestRecipient[] {
  const out: DigestRecipient[] = [];
  const deputyOf = new Map(units.map((u) => [u.id, u.deputyLeader?.trim() || NO_DEPUTY]));
  for (const u of units) {
    const own = items.filter((i) => i.unitIds.includes(u.id));
    if (own.length) out.push({ audience: 'UNIT', recipient: String(u.id), unitId: u.id, items: own });
  }
  const deputies = [...new Set(deputyOf.values())].sort();
  for (const d of deputies) {
    const mine = items.filter((i) => i.unitIds.some((u) => deputyOf.get(u) === d));
    if (mine.length) out.push({ audience: 'DEPUTY', recipient: d, unitId: null, items: mine });
  }
  const main = items.filter((i) => i.level === 'RED' || i.specialStudy);
  if (main.length) out.push({ audience: 'MAIN', recipient: 'MAIN', unitId: null, items: main });
  return out;
}

/** The street's open warnings as digest items: repeat warnings (YELLOW/RED) and 苗头. */
export async function openWarningItems(db: Db, streetId: number): Promise<DigestItem[]> {
  const repeats = await db
    .selectFrom('warning as w')
    .innerJoin('ticket as t', 't.id', 'w.masterTicketId')
    .select(['w.id', 'w.level', 'w.date', 'w.count', 'w.unitId', 'w.specialStudy', 't.id as ticketId', 't.number', 't.topic'])
    .where('w.streetId', '=', streetId)
    .where('w.status', '<>', 'CLOSED')
    .orderBy('w.date', 'desc')
    .orderBy('w.id')
    .execute();
  const hotspots = await db
    .selectFrom('hotspotWarning as h')
    .select(['h.id', 'h.topic', 'h.committeeName', 'h.road', 'h.peakCount', 'h.lastDay', 'h.unitIds'])
    .where('h.streetId', '=', streetId)
    .where('h.status', '<>', 'CLOSED')
    .orderBy('h.lastDay', 'desc')
    .orderBy('h.id')
    .execute();
  return [
    ...repeats.map((r): DigestItem => ({
      kind: 'REPEAT', id: r.id, level: r.level === 'RED' ? 'RED' : 'YELLOW', date: String(r.date), count: r.count,
      unitIds: r.unitId == null ? [] : [r.unitId], title: `重复件${r.topic ? ` · ${r.topic}` : ''}`,
      ticketId: r.ticketId, ticketNumber: r.number, specialStudy: !!r.specialStudy, topic: r.topic ?? null, place: null,
    })),
    ...hotspots.map((h): DigestItem => ({
      kind: 'HOTSPOT', id: h.id, level: 'HOTSPOT', date: String(h.lastDay), count: h.peakCount,
      unitIds: [...(h.unitIds ?? [])], title: `苗头 · ${h.topic} · ${h.road ?? h.committeeName ?? ''}`,
      ticketId: null, ticketNumber: null, specialStudy: false, topic: h.topic, place: h.road ?? h.committeeName ?? null,
    })),
  ];
}

/** Writes day D's digest of one street (replacing any earlier rows of that day). Returns the rows written. */
export async function writeStreetDigest(trx: Transaction<Database>, streetId: number, day: Day): Promise<DigestRecipient[]> {
  const items = await openWarningItems(trx, streetId);
  const units = await trx.selectFrom('unit').select(['id', 'deputyLeader']).where('streetId', '=', streetId).orderBy('code').execute();
  const rows = digestRecipients(items, units);
  await trx.deleteFrom('warningDigest').where('streetId', '=', streetId).where('day', '=', day).execute();
  if (rows.length) {
    await trx
      .insertInto('warningDigest')
      .values(rows.map((r) => ({ streetId, day, audience: r.audience, recipient: r.recipient, unitId: r.unitId, itemCount: r.items.length, items: JSON.stringify(r.items) })))
      .execute();
  }
  return rows;
}

export interface DigestCaller { role: string; unitId: number | null; userId: number | null; leaderRank?: string | null; streetId?: number | null }

/**
 * The digest rows of a day a caller receives: a unit handler its unit's; a 分管领导 the lists of the deputy names
 * its display name or user name carries (all deputy lists when it carries none of them); a 主要领导 the MAIN list;
 * OPS and ADMIN every list.
 */
export async function digestFor(db: Db, caller: DigestCaller, streetId: number | null, day: Day) {
  let q = db.selectFrom('warningDigest').selectAll().where('day', '=', day);
  if (streetId != null) q = q.where('streetId', '=', streetId);
  if (caller.role === 'UNIT_HANDLER') q = q.where('audience', '=', 'UNIT').where('unitId', '=', caller.unitId ?? -1);
  else if (caller.role === 'LEADER' && caller.leaderRank === 'MAIN') q = q.where('audience', '=', 'MAIN');
  else if (caller.role === 'LEADER') q = q.where('audience', '=', 'DEPUTY');
  else if (!['OPS', 'ADMIN'].includes(caller.role)) return [];
  let rows = await q.orderBy('streetId').orderBy(sql`case audience when 'MAIN' then 0 when 'DEPUTY' then 1 else 2 end`).orderBy('recipient').execute();
  if (caller.role === 'LEADER' && caller.leaderRank !== 'MAIN' && caller.userId != null) {
    const me = await db.selectFrom('appUser').select(['username', 'displayName']).where('id', '=', caller.userId).executeTakeFirst();
    const names = [me?.username, me?.displayName].filter(Boolean) as string[];
    const mine = rows.filter((r) => names.some((n) => n === r.recipient || n.includes(r.recipient)));
    if (mine.length) rows = mine;
  }
  return rows.map((r) => ({ ...r, items: (typeof r.items === 'string' ? JSON.parse(r.items) : r.items) as DigestItem[] }));
}
