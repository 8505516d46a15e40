// Working-time countdowns on Ticket (剩余/超期, domain.md §2): what the due badge shows. The calendar and the
// SLA table are loaded once per request (not per row), so a list of 100 tickets costs no extra statements.
import { builder } from '../builder';
import type { Context } from '../context';
import { minutesLeft } from '../domain/countdown';
import { computeDueTimes, slaTicketOf } from '../domain/sla';
import { loadDueTimeConfig, type DueTimeConfig } from '../repos/calendar';
import { objectRef, type Row } from './resource';

/** The due-time configuration (cached: the resolvers of a whole list share one read). */
const dueConfigOf = (ctx: Context): Promise<DueTimeConfig> => loadDueTimeConfig(ctx.db, ctx.db);

const isOpen = (r: Row) => r.status !== 'CLOSED';

/** A first-contact limit in natural hours (紧急件) counts natural time; the rule is looked up, not guessed. */
function firstContactIsNatural(r: Row, config: DueTimeConfig): boolean {
  try {
    const due = computeDueTimes(slaTicketOf(r), config.rules, config.calendar);
    return due.rule.firstContactHours !== null;
  } catch {
    return false;
  }
}

const TicketRef = objectRef('Ticket');

builder.objectField(TicketRef, 'completionWorkingMinutesLeft', (t: any) =>
  t.int({
    description:
      '距办结时限的工作时间（分钟）：只计工作日（每个工作日按 24 小时计，与“n 个工作日”时限一致），超期为负数，已办结为 null',
    resolve: async (r: Row, _a: unknown, ctx: Context) => {
      if (!isOpen(r) || !r.completionDue) return null;
      const { calendar } = await dueConfigOf(ctx);
      return minutesLeft(r.completionDue, ctx.now(), calendar);
    },
  }),
);

builder.objectField(TicketRef, 'firstContactWorkingMinutesLeft', (t: any) =>
  t.int({
    description:
      '距先行联系时限的时间（分钟）：按工作日计；紧急件的“2 个自然小时”按自然时间计；超期为负数，已先行联系或已办结为 null',
    resolve: async (r: Row, _a: unknown, ctx: Context) => {
      if (!isOpen(r) || r.firstContactAt || !r.firstContactDue) return null;
      const config = await dueConfigOf(ctx);
      return minutesLeft(r.firstContactDue, ctx.now(), config.calendar, firstContactIsNatural(r, config));
    },
  }),
);
