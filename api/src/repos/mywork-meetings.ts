// 我的待办: meeting decisions still open (domain.md §5b). A unit's handler gets its unit's, anyone named as the
// owner their own, the 城运中心 (and an administrator) every open decision of the street. Overdue first.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { Role } from '../auth/roles';
import { addDays, shanghaiDate, shanghaiStartOfDay } from '../domain/time';
import { MEETING_KIND_LABELS, type MeetingKind } from './meetings';
import type { WorkSection } from './mywork';

type Db = Kysely<Database> | Transaction<Database>;
interface Caller { role: Role; unitId: number | null; userId: number | null; streetId?: number | null }

/** The section key, listed by name in repos/mywork.ts SECTIONS_BY_ROLE (a string there: the modules import each other). */
export const MEETING_DECISIONS = 'meetingDecisions';

/** Only the 城运中心 (and an administrator) keep an empty list: for anyone else it shows when they own a decision. */
export function keepMeetingSection(role: Role, section: WorkSection): boolean {
  return section.key !== MEETING_DECISIONS || section.count > 0 || role === 'OPS' || role === 'ADMIN';
}

export function meetingSections(db: Db, caller: Caller, now: Date, limit: number): Record<string, () => Promise<WorkSection>> {
  return {
    [MEETING_DECISIONS]: async () => {
      const today = shanghaiDate(now);
      let base = db
        .selectFrom('meetingDecision as d')
        .innerJoin('meeting as m', 'm.id', 'd.meetingId')
        .leftJoin('unit as u', 'u.id', 'd.ownerUnitId')
        .where('d.status', '=', 'OPEN');
      if (caller.streetId != null) base = base.where('m.streetId', '=', caller.streetId);
      if (caller.role !== 'OPS' && caller.role !== 'ADMIN') {
        const unit = caller.role === 'UNIT_HANDLER' ? (caller.unitId ?? -1) : -1;
        base = base.where((eb) => eb.or([eb('d.ownerUserId', '=', caller.userId ?? -1), eb('d.ownerUnitId', '=', unit)]));
      }
      const { n } = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      const rows = await base
        .select(['d.id', 'd.text', 'd.dueOn', 'd.ownerUnitId', 'd.createdAt', 'm.kind', 'm.heldOn', 'u.name as unitName'])
        .orderBy(sql`d.due_on asc nulls last`)
        .orderBy('d.id')
        .limit(limit)
        .execute();
      return {
        key: MEETING_DECISIONS,
        resource: 'MeetingDecision',
        count: Number(n),
        items: rows.map((r) => ({
          resource: 'MeetingDecision',
          id: r.id,
          ticketId: null,
          ticketNumber: null,
          title: `${MEETING_KIND_LABELS[r.kind as MeetingKind] ?? r.kind} ${r.heldOn} · ${r.text}${r.unitName ? ` · ${r.unitName}` : ''}${r.dueOn && r.dueOn < today ? ' · 已逾期' : ''}`,
          unitId: r.ownerUnitId,
          // A due date is met on that whole day.
          due: r.dueOn ? new Date(shanghaiStartOfDay(addDays(r.dueOn, 1)).getTime() - 1) : null,
          since: r.createdAt,
          parts: { kind: 'MEETING_DECISION', meetingKind: r.kind, day: String(r.heldOn), text: r.text, unitName: r.unitName ?? null, dueDay: r.dueOn ? String(r.dueOn) : null },
        })),
      };
    },
  };
}
