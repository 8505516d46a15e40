// 我的待办: proactive tasks (主动治理任务, domain.md §5 "Before the season") still open. A unit's handler gets its
// unit's, the 城运中心 (and an administrator) every open task of the street. The earliest due first; the section
// shows only when there is one (tasks are occasional, unlike the ticket lists).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { Role } from '../auth/roles';
import { addDays, shanghaiDate, shanghaiStartOfDay } from '../domain/time';
import type { WorkSection } from './mywork';

type Db = Kysely<Database> | Transaction<Database>;
interface Caller { role: Role; unitId: number | null; streetId?: number | null }

/** The section key, listed by name in repos/mywork.ts SECTIONS_BY_ROLE. */
export const PROACTIVE_TASKS = 'proactiveTasks';

export function keepSeasonSection(section: WorkSection): boolean {
  return section.key !== PROACTIVE_TASKS || section.count > 0;
}

export function seasonSections(db: Db, caller: Caller, now: Date, limit: number): Record<string, () => Promise<WorkSection>> {
  return {
    [PROACTIVE_TASKS]: async () => {
      const today = shanghaiDate(now);
      let base = db.selectFrom('proactiveTask as p').innerJoin('unit as u', 'u.id', 'p.unitId').where('p.status', '=', 'OPEN');
      if (caller.streetId != null) base = base.where('p.streetId', '=', caller.streetId);
      if (caller.role === 'UNIT_HANDLER') base = base.where('p.unitId', '=', caller.unitId ?? -1);
      const { n } = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      const rows = await base
        .select(['p.id', 'p.title', 'p.topic', 'p.committeeName', 'p.dueOn', 'p.unitId', 'p.createdAt', 'u.name as unitName'])
        .orderBy('p.dueOn')
        .orderBy('p.id')
        .limit(limit)
        .execute();
      return {
        key: PROACTIVE_TASKS,
        resource: 'ProactiveTask',
        count: Number(n),
        items: rows.map((r) => ({
          resource: 'ProactiveTask',
          id: r.id,
          ticketId: null,
          ticketNumber: null,
          title: `${r.topic}${r.committeeName ? ` · ${r.committeeName}` : ''} · ${r.title} · ${r.unitName}${r.dueOn < today ? ' · 已逾期' : ''}`,
          unitId: r.unitId,
          // A due date is met on that whole day.
          due: new Date(shanghaiStartOfDay(addDays(r.dueOn, 1)).getTime() - 1),
          since: r.createdAt,
          parts: { kind: 'PROACTIVE_TASK', topic: r.topic, place: r.committeeName ?? null, text: r.title, unitName: r.unitName, dueDay: String(r.dueOn) },
        })),
      };
    },
  };
}
