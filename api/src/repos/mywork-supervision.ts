// 我的待办 sections of the supervision flows (domain.md §5) that depend on who the leader is: the repeat
// warnings by audience (YELLOW → 分管领导, RED → 主要领导 too, special study → 主要领导) and the unsatisfied push
// (a unit's handler gets its unit's list, the 分管领导 the level-2 escalations).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { LeaderRank, Role } from '../auth/roles';
import { addDays, shanghaiDate } from '../domain/time';
import type { WorkSection } from './mywork';

type Db = Kysely<Database> | Transaction<Database>;
interface Caller { role: Role; unitId: number | null; userId: number | null; leaderRank?: LeaderRank | null; streetId?: number | null }

/** Sections only a leader of one rank gets (other roles are not filtered by this). */
export const RANK_ONLY: Record<string, LeaderRank> = {
  returnsDeputy: 'DEPUTY',
  returnsMain: 'MAIN',
  newWarnings: 'DEPUTY',
  unsatisfiedPush: 'DEPUTY',
  redWarnings: 'MAIN',
  specialStudy: 'MAIN',
};

/** The sections of `keys` this caller gets: a leader only those of its rank. */
export function sectionsForCaller(keys: readonly string[], caller: Caller): string[] {
  if (caller.role !== 'LEADER') return [...keys];
  return keys.filter((k) => !RANK_ONLY[k] || RANK_ONLY[k] === caller.leaderRank);
}

/** The push sent today is the list of yesterday's callbacks (jobs: unsatisfied-digest runs at 07:30 for D−1). */
export const pushDayOf = (now: Date) => addDays(shanghaiDate(now), -1);

export function supervisionSections(db: Db, caller: Caller, now: Date, limit: number): Record<string, () => Promise<WorkSection>> {
  const warnings = async (key: string, where: (q: any) => any): Promise<WorkSection> => {
    let base = where(db.selectFrom('warning').innerJoin('ticket', 'ticket.id', 'warning.masterTicketId').where('warning.status', '<>', 'CLOSED'));
    if (caller.streetId != null) base = base.where('warning.streetId', '=', caller.streetId);
    const { n } = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select(['warning.id', 'warning.masterTicketId', 'ticket.number', 'warning.unitId', 'warning.level', 'warning.count', 'warning.date', 'warning.createdAt', 'ticket.topic', 'ticket.completionDue'])
      .orderBy('warning.date', 'desc')
      .orderBy('warning.id')
      .limit(limit)
      .execute();
    return {
      key,
      resource: 'Warning',
      count: Number(n),
      items: rows.map((r: any) => ({
        resource: 'Warning', id: r.id, ticketId: r.masterTicketId, ticketNumber: r.number,
        title: `${r.level === 'RED' ? '红色' : '黄色'} · ${r.date} · ${r.count} 件${r.topic ? ` · ${r.topic}` : ''}`,
        unitId: r.unitId, due: key === 'specialStudy' ? r.completionDue : null, since: r.createdAt,
        parts: { kind: 'WARNING', level: r.level, day: String(r.date), count: r.count, topic: r.topic ?? null },
      })),
    };
  };
  return {
    redWarnings: () => warnings('redWarnings', (q) => q.where('warning.level', '=', 'RED')),
    specialStudy: () => warnings('specialStudy', (q) => q.where('warning.specialStudy', '=', true)),
    unsatisfiedPush: async () => {
      const day = pushDayOf(now);
      let q = db.selectFrom('unsatisfiedPush as p').innerJoin('unit', 'unit.id', 'p.unitId').where('p.day', '=', day);
      if (caller.streetId != null) q = q.where('p.streetId', '=', caller.streetId);
      // A handler gets its unit's list; the 分管领导 the escalated (level 2) ones; an administrator all.
      if (caller.role === 'UNIT_HANDLER') q = q.where('p.unitId', '=', caller.unitId ?? -1);
      else if (caller.role === 'LEADER') q = q.where('p.level', '=', 2);
      const rows = await q
        .select(['p.unitId', 'unit.name', 'p.ticketCount', 'p.escalatedCount', 'p.level', 'p.createdAt'])
        .orderBy('p.level', 'desc')
        .orderBy('p.ticketCount', 'desc')
        .orderBy('p.unitId')
        .execute();
      const count = rows.reduce((n, r) => n + (caller.role === 'LEADER' ? r.escalatedCount : r.ticketCount), 0);
      return {
        key: 'unsatisfiedPush',
        resource: 'UnsatisfiedPush',
        count,
        items: rows.slice(0, limit).map((r) => ({
          resource: 'UnsatisfiedPush', id: r.unitId, ticketId: null, ticketNumber: null,
          title: `${day} · ${r.name} · ${r.ticketCount} 件${r.escalatedCount ? `（提级 ${r.escalatedCount} 件）` : ''}`,
          unitId: r.unitId, due: null, since: r.createdAt,
          parts: { kind: 'UNSATISFIED_PUSH', day, unitName: r.name, count: r.ticketCount, escalatedCount: r.escalatedCount },
        })),
      };
    },
  };
}
