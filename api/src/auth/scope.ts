// Row-level visibility: a UNIT_HANDLER sees only its own unit's tickets and what hangs off them.
import type { Context } from '../context';

/** Tables whose rows belong to one ticket; a handler sees them only for its unit's tickets. */
const TICKET_CHILDREN = new Set(['callback', 'returnRequest', 'closureAudit', 'leaderOrder', 'ticketEvent', 'extensionRequest', 'ticketOverdue']);

export function rowScope<Q extends { where: (...a: any[]) => Q }>(ctx: Context, table: string, q: Q): Q {
  const user = ctx.user;
  if (!user || user.role !== 'UNIT_HANDLER') return q;
  const unitId = user.unitId ?? -1;
  if (table === 'ticket') return q.where('unitId', '=', unitId);
  if (TICKET_CHILDREN.has(table)) {
    return q.where((eb: any) =>
      eb('ticketId', 'in', eb.selectFrom('ticket').select('ticket.id').where('ticket.unitId', '=', unitId)),
    );
  }
  return q;
}
