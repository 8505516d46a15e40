// 已超期 (我的待办's overdue list and the Ticket list's overdue filter, one rule for both): an open ticket past its
// completion due — on the clock, never in working time — that waits on the unit (or, not yet dispatched, on the
// 城运中心's dispatch). A ticket waiting on a decision of the 城运中心 or its leaders is not: a return request
// pending approval (RETURN_PENDING), an extension request pending approval (its approval moves the due time),
// and a submission awaiting the closure audit (SUBMITTED: the audit decides, and a pass closes it at its
// submission time, on time if submitted in time).
import { sql, type RawBuilder } from 'kysely';

/** The states in which a past due time is the holder's to act on. */
export const OVERDUE_STATES = ['RECEIVED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS'] as const;

/** The condition on table `ticket` (the table's own name, as the register and 我的待办 queries read it). */
export function overdueCondition(now: Date): RawBuilder<boolean> {
  return sql<boolean>`(ticket.status in (${sql.join(OVERDUE_STATES.map((s) => sql.lit(s)))})
    and ticket.completion_due < ${now}
    and not exists (select 1 from extension_request x where x.ticket_id = ticket.id and x.status = 'PENDING'))`;
}
