// Due times (domain.md §2): the SLA table as data, and how a ticket picks its row.
import type { WorkCalendar } from './calendar';

export const TICKET_CATEGORIES = ['COMPLAINT', 'HELP', 'CONSULT', 'SUGGESTION', 'OTHER', 'PHOTO_REPORT'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const TICKET_CHANNELS = ['HOTLINE', 'WEB', 'APP', 'WECHAT', 'PHOTO', 'GRID', 'LEADER_DISPATCH', 'SUPERVISION'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** ticket.reopen_kind: why a CLOSED ticket went back to IN_PROGRESS. */
export const REOPEN_KINDS = ['CALLBACK_UNSATISFIED', 'LEADER_SUPERVISION', 'CITY_REVIEW', 'REASSIGNED'] as const;
export type ReopenKind = (typeof REOPEN_KINDS)[number];

export const SLA_KINDS = ['URGENT', 'LEADER_DISPATCH', 'SUPERVISION', 'CATEGORY', 'EXTENSION', 'LEADER_SUPERVISION_REDO'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

/** Mirrors a row of `sla_rule`. */
export interface SlaRule {
  kind: SlaKind;
  /** null: the rule applies to every category. */
  category: string | null;
  /** Natural (clock) hours; when set it wins over firstContactWorkdays. */
  firstContactHours: number | null;
  firstContactWorkdays: number | null;
  completionWorkdays: number | null;
  /** Among the matching base rules (URGENT, LEADER_DISPATCH, SUPERVISION, CATEGORY) the lowest wins. */
  priority: number;
}

/** domain.md §2 defaults; the priorities encode "urgent, leader dispatch, supervision, category". */
export const DEFAULT_SLA_RULES: readonly SlaRule[] = [
  { kind: 'URGENT', category: null, firstContactHours: 2, firstContactWorkdays: null, completionWorkdays: 1, priority: 10 },
  { kind: 'LEADER_DISPATCH', category: null, firstContactHours: null, firstContactWorkdays: 1, completionWorkdays: 3, priority: 20 },
  { kind: 'SUPERVISION', category: null, firstContactHours: null, firstContactWorkdays: 1, completionWorkdays: 3, priority: 30 },
  ...(['CONSULT', 'SUGGESTION'] as const).map((category) => ({
    kind: 'CATEGORY' as const, category, firstContactHours: null, firstContactWorkdays: 1, completionWorkdays: 1, priority: 40,
  })),
  ...(['COMPLAINT', 'HELP', 'PHOTO_REPORT', 'OTHER'] as const).map((category) => ({
    kind: 'CATEGORY' as const, category, firstContactHours: null, firstContactWorkdays: 1, completionWorkdays: 5, priority: 40,
  })),
  { kind: 'EXTENSION', category: null, firstContactHours: null, firstContactWorkdays: null, completionWorkdays: 15, priority: 50 },
  { kind: 'LEADER_SUPERVISION_REDO', category: null, firstContactHours: null, firstContactWorkdays: null, completionWorkdays: 2, priority: 60 },
];

export interface SlaTicket {
  category: string;
  channel: string;
  urgent: boolean;
  receivedAt: Date;
  extensionApproved?: boolean;
  reopenedAt?: Date | null;
  reopenKind?: ReopenKind | null;
}

/** What the SLA reads of a ticket row, typed or as the register factory hands it (reopen kind as stored text). */
export function slaTicketOf(t: Record<string, any>): SlaTicket {
  const { category, channel, urgent, receivedAt } = t;
  return { category, channel, urgent, receivedAt, extensionApproved: t.extensionApproved ?? false, reopenedAt: t.reopenedAt ?? null, reopenKind: (t.reopenKind ?? null) as ReopenKind | null };
}

export interface DueTimes {
  firstContactDue: Date;
  completionDue: Date;
  /** The base rule that set the clock (URGENT, LEADER_DISPATCH, SUPERVISION or CATEGORY). */
  rule: SlaRule;
  /** The rule that set completionDue when it is not `rule` (EXTENSION, LEADER_SUPERVISION_REDO). */
  completionRule: SlaRule;
}

export class SlaConfigError extends Error {}

/** Reopens that restart the clock under the supervision row (督办/复核/重新交办). */
const SUPERVISION_REOPENS: ReadonlySet<string> = new Set(['CITY_REVIEW', 'REASSIGNED', 'CALLBACK_UNSATISFIED']);

function pick(rules: readonly SlaRule[], category: string, matches: (r: SlaRule) => boolean): SlaRule | undefined {
  let best: SlaRule | undefined;
  for (const r of rules) {
    if ((r.category === null || r.category === category) && matches(r)) {
      // Same priority: a category-specific row beats the catch-all.
      if (!best || r.priority < best.priority || (r.priority === best.priority && best.category === null && r.category !== null)) best = r;
    }
  }
  return best;
}

/**
 * Due times of a ticket. The base row is the lowest-priority match among URGENT (urgent flag),
 * LEADER_DISPATCH (channel 领导派单), SUPERVISION (channel 市区督办, or reopened by city review,
 * re-assignment or an unsatisfied callback, which sends it back as 重新交办) and CATEGORY; it counts
 * from the reopen when there is one, else from receipt. A leader-supervision reopen (领导督办单) keeps
 * the receipt-based first contact and sets completion to its row's days from the order. An approved
 * extension moves completion to its row's days from receipt, never earlier than it already was.
 */
export function computeDueTimes(ticket: SlaTicket, rules: readonly SlaRule[], calendar: WorkCalendar): DueTimes {
  const reopenedAt = ticket.reopenedAt ?? null;
  // A reopen with no recorded cause is treated as a re-assignment.
  const reopenKind = reopenedAt ? (ticket.reopenKind ?? 'REASSIGNED') : null;
  const restarts = reopenKind !== null && SUPERVISION_REOPENS.has(reopenKind);
  const start = restarts ? reopenedAt! : ticket.receivedAt;

  const rule = pick(rules, ticket.category, (r) => {
    switch (r.kind) {
      case 'URGENT': return ticket.urgent;
      case 'LEADER_DISPATCH': return ticket.channel === 'LEADER_DISPATCH';
      case 'SUPERVISION': return ticket.channel === 'SUPERVISION' || restarts;
      case 'CATEGORY': return true;
      default: return false;
    }
  });
  if (!rule) throw new SlaConfigError(`no SLA rule matches category ${ticket.category}`);
  if (rule.completionWorkdays === null) throw new SlaConfigError(`SLA rule ${rule.kind}/${rule.category ?? '*'} has no completion days`);

  let completionRule = rule;
  let completionDue = calendar.addWorkdays(start, rule.completionWorkdays);
  const firstContactDue =
    rule.firstContactHours !== null ? new Date(start.getTime() + rule.firstContactHours * 3_600_000)
    : rule.firstContactWorkdays !== null ? calendar.addWorkdays(start, rule.firstContactWorkdays)
    : completionDue; // no first-contact limit of its own: contact by completion at the latest

  if (reopenKind === 'LEADER_SUPERVISION') {
    completionRule = required(rules, ticket.category, 'LEADER_SUPERVISION_REDO');
    completionDue = calendar.addWorkdays(reopenedAt!, completionRule.completionWorkdays!);
  }
  if (ticket.extensionApproved) {
    const ext = required(rules, ticket.category, 'EXTENSION');
    const due = calendar.addWorkdays(ticket.receivedAt, ext.completionWorkdays!);
    if (due > completionDue) {
      completionDue = due;
      completionRule = ext;
    }
  }
  return { firstContactDue, completionDue, rule, completionRule };
}

function required(rules: readonly SlaRule[], category: string, kind: SlaKind): SlaRule {
  const r = pick(rules, category, (x) => x.kind === kind && x.completionWorkdays !== null);
  if (!r) throw new SlaConfigError(`no SLA rule of kind ${kind} with completion days`);
  return r;
}
