// 我的待办 sections of issue #14 (domain.md §5): negative quotas reached (the unit's to-do, its 分管领导's notice)
// and exceeded ones awaiting the clerk's confirmation, late acceptances awaiting the clerk, and today's warning
// digest of the caller's level.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { LeaderRank, Role } from '../auth/roles';
import { negativeQuotaStatus } from '../reports/register-flags';
import { monthOf, shanghaiDate, shanghaiStartOfDay } from '../domain/time';
import { digestFor, digestTopicPlace } from './digest';
import type { WorkSection } from './mywork';

type Db = Kysely<Database> | Transaction<Database>;
interface Caller { role: Role; unitId: number | null; userId: number | null; leaderRank?: LeaderRank | null; streetId?: number | null }

/** A 分管领导 covers the units naming them as deputy_leader (by display name or user name); none named: every unit. */
async function coveredUnits(db: Db, caller: Caller, streetIds: number[]): Promise<Set<number> | null> {
  if (caller.role !== 'LEADER' || caller.userId == null || !streetIds.length) return null;
  const me = await db.selectFrom('appUser').select(['username', 'displayName']).where('id', '=', caller.userId).executeTakeFirst();
  const names = [me?.username, me?.displayName].filter(Boolean) as string[];
  const units = await db.selectFrom('unit').select(['id', 'deputyLeader']).where('streetId', 'in', streetIds).execute();
  const mine = units.filter((u) => u.deputyLeader && names.some((n) => n === u.deputyLeader || n.includes(u.deputyLeader!)));
  return mine.length ? new Set(mine.map((u) => u.id)) : null;
}

async function streetsOf(db: Db, caller: Caller): Promise<number[]> {
  if (caller.streetId != null) return [caller.streetId];
  return (await db.selectFrom('street').select('id').orderBy('id').execute()).map((s) => s.id);
}

export function warningSections(db: Db, caller: Caller, now: Date, limit: number): Record<string, () => Promise<WorkSection>> {
  const month = monthOf(shanghaiDate(now));
  /** This month's quotas of the caller's street(s) at or over their allowance, with their confirmation. */
  const quotaRows = async () => {
    const streets = await streetsOf(db, caller);
    const rows = (await Promise.all(streets.map((s) => negativeQuotaStatus(db, s, month)))).flat().filter((r) => r.count != null && r.count >= r.allowed);
    if (!rows.length) return [];
    const quotas = await db
      .selectFrom('negativeQuota as q')
      .innerJoin('unit', 'unit.id', 'q.unitId')
      .leftJoin('quotaConfirmation as c', 'c.quotaId', 'q.id')
      .select(['q.id', 'q.unitId', 'q.indicator', 'q.updatedAt', 'unit.name', 'c.id as confirmationId'])
      .where('q.month', '=', month)
      .where('q.unitId', 'in', rows.map((r) => r.unitId))
      .execute();
    return rows.flatMap((r) => {
      const q = quotas.find((x) => x.unitId === r.unitId && x.indicator === r.indicator);
      return q ? [{ ...r, id: q.id, unitName: q.name, confirmed: q.confirmationId != null, since: q.updatedAt }] : [];
    });
  };
  const quotaSection = (key: string, rows: Awaited<ReturnType<typeof quotaRows>>): WorkSection => ({
    key,
    resource: 'NegativeQuota',
    count: rows.length,
    items: rows.slice(0, limit).map((r) => ({
      resource: 'NegativeQuota', id: r.id, ticketId: null, ticketNumber: null,
      title: `${r.unitName} · ${month} ${r.indicator} ${r.count}/${r.allowed} 件${r.exceeded ? ' · 已超配额' : ' · 已达配额'}${r.confirmed ? ' · 已确认' : ''}`,
      unitId: r.unitId, due: null, since: r.since,
      parts: { kind: 'NEGATIVE_QUOTA', unitName: r.unitName, month, text: r.indicator, count: r.count, allowed: r.allowed, exceeded: r.exceeded, confirmed: r.confirmed },
    })),
  });
  return {
    // The unit's to-do (its handler) and the 分管领导's notice: every quota reached this month.
    quotaReached: async () => {
      let rows = await quotaRows();
      if (caller.role === 'UNIT_HANDLER') rows = rows.filter((r) => r.unitId === caller.unitId);
      const covered = await coveredUnits(db, caller, await streetsOf(db, caller));
      if (covered) rows = rows.filter((r) => covered.has(r.unitId));
      return quotaSection('quotaReached', rows);
    },
    // The clerk's: exceeded and not yet confirmed (confirmQuotaExceeded writes the negative record).
    quotaToConfirm: async () => quotaSection('quotaToConfirm', (await quotaRows()).filter((r) => r.exceeded && !r.confirmed)),
    lateAcceptance: async () => {
      let base = db.selectFrom('lateAcceptance as l').innerJoin('ticket', 'ticket.id', 'l.ticketId').innerJoin('unit', 'unit.id', 'l.unitId').where('l.status', '=', 'OPEN');
      if (caller.streetId != null) base = base.where('l.streetId', '=', caller.streetId);
      const { n } = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      const rows = await base
        .select(['l.id', 'l.ticketId', 'ticket.number', 'l.unitId', 'unit.name', 'l.acceptDue', 'l.acceptedAt', 'l.flaggedAt'])
        .orderBy('l.flaggedAt', 'desc')
        .orderBy('l.id')
        .limit(limit)
        .execute();
      return {
        key: 'lateAcceptance',
        resource: 'LateAcceptance',
        count: Number(n),
        items: rows.map((r) => ({
          resource: 'LateAcceptance', id: r.id, ticketId: r.ticketId, ticketNumber: r.number,
          title: `${r.name} · 拖延接单${r.acceptedAt ? '（已迟签收）' : '（仍未签收）'}`, unitId: r.unitId, due: r.acceptDue, since: r.flaggedAt,
          parts: { kind: 'LATE_ACCEPTANCE', unitName: r.name, accepted: r.acceptedAt != null },
        })),
      };
    },
    // Today's digest (08:30 on working days) of the caller's level.
    warningDigest: async () => {
      const day = shanghaiDate(now);
      const lists = await digestFor(db, caller, caller.streetId ?? null, day);
      // OPS and ADMIN read every list (each unit's, each deputy's, the main leader's): a warning is listed once.
      const seen = new Set<string>();
      const items = lists.flatMap((l) => l.items).filter((i) => !seen.has(`${i.kind}:${i.id}`) && !!seen.add(`${i.kind}:${i.id}`));
      return {
        key: 'warningDigest',
        resource: 'WarningDigest',
        count: items.length,
        items: items.slice(0, limit).map((i) => ({
          resource: i.kind === 'HOTSPOT' ? 'HotspotWarning' : 'Warning', id: i.id, ticketId: i.ticketId, ticketNumber: i.ticketNumber,
          // A 苗头 item's title (repos/digest.ts) already starts with 「苗头」; repeat warnings get their colour.
          title: `${i.kind === 'HOTSPOT' ? '' : `${i.level === 'RED' ? '红色' : '黄色'} · `}${i.title} · ${i.count} 件${i.specialStudy ? ' · 专题研究' : ''}`,
          unitId: i.unitIds[0] ?? null, due: null, since: shanghaiStartOfDay(day),
          parts: {
            kind: i.kind === 'HOTSPOT' ? 'DIGEST_HOTSPOT' : 'DIGEST_WARNING', level: i.kind === 'HOTSPOT' ? null : i.level, day: i.date,
            count: i.count, specialStudy: i.specialStudy, ...digestTopicPlace(i),
          },
        })),
      };
    },
  };
}

/** The sections of this module each caller gets (a 分管领导 gets the quota notices, the 主要领导 not). */
export function warningSectionKeys(caller: Caller): string[] {
  switch (caller.role) {
    case 'UNIT_HANDLER': return ['quotaReached', 'warningDigest'];
    case 'OPS': return ['quotaToConfirm', 'lateAcceptance', 'warningDigest'];
    case 'ADMIN': return ['quotaToConfirm', 'lateAcceptance', 'warningDigest'];
    case 'LEADER': return caller.leaderRank === 'MAIN' ? ['warningDigest'] : ['quotaReached', 'warningDigest'];
    default: return [];
  }
}

/** These lists show only when something waits (the role lists of mywork.ts stay as they were). */
export const WARNING_SECTION_KEYS = new Set(['quotaReached', 'quotaToConfirm', 'lateAcceptance', 'warningDigest']);
export const keepWarningSection = (section: WorkSection) => !WARNING_SECTION_KEYS.has(section.key) || section.count > 0;
