// The caller's scope in one place (domain.md §1, §8): the street an account belongs to (null = the district, which
// reads every street) and a UNIT_HANDLER's unit. Row visibility for every table follows from it here; the loaders,
// the register factory, the workflow, the sheets, the argument check (auth/streetArgs.ts) and the database's own
// setting (db/scope.ts) all read it from here. It depends on the principal only, never on the request context, so
// context → loaders → scope no longer import one another in a circle.
import type { Principal } from '../repos/auth';
import { forbidden, notFound } from '../errors';

export interface CallerScope {
  /** The street the caller is confined to; null = every street (district accounts, anonymous). */
  streetId: number | null;
  /** A UNIT_HANDLER's unit (-1 for a handler without one: it sees nothing); null for everyone else. */
  unitId: number | null;
}

export function callerScope(principal: Principal | null | undefined): CallerScope {
  if (!principal) return { streetId: null, unitId: null };
  const unitId = principal.role === 'UNIT_HANDLER' ? (principal.unitId ?? -1) : null;
  return { streetId: principal.streetId ?? null, unitId };
}

/** Tables whose rows belong to one ticket (`ticketId`): visible when the ticket is. */
const TICKET_CHILDREN = new Set([
  'callback', 'returnRequest', 'closureAudit', 'leaderOrder', 'ticketEvent', 'extensionRequest', 'ticketOverdue', 'undercoverVisit', 'personalDataAccess',
]);
/** Registers whose rows belong to one unit (`unitId`): its street's. */
const UNIT_OWNED = new Set(['roleAssignment', 'negativeRecord', 'negativeQuota', 'award', 'interview', 'assistance', 'disciplineReferral', 'review', 'pairing', 'quotaConfirmation']);
/** Tables with their own `streetId`. Accounts and tokens too: a street administrator manages its street's only. */
const STREET_OWNED = new Set(['unit', 'ticket', 'kpiDailyCount', 'kpiMonthlyCount', 'dutyRoster', 'escalation', 'meeting', 'warning', 'hotspotWarning', 'rankingSnapshot', 'undercoverSample', 'unsatisfiedPush', 'lateAcceptance', 'warningDigest', 'appUser', 'apiToken', 'report', 'proactiveTask']);
/** Tables whose rows belong to one meeting (`meetingId`): its street's. */
const MEETING_CHILDREN = new Set(['meetingDecision']);
/** Configuration shared by the whole district: every account reads it, only district accounts change it. */
export const DISTRICT_CONFIG = new Set(['district', 'topic', 'negativeItem', 'slaRule', 'scoringScheme', 'workCalendar', 'calendarYear', 'keyPeriod']);

/** Every table the row scope knows; a table outside these sets is refused to street accounts (see rowScope). */
export const SCOPED_TABLES = new Set(['street', ...TICKET_CHILDREN, ...UNIT_OWNED, ...STREET_OWNED, ...MEETING_CHILDREN, ...DISTRICT_CONFIG]);

type Caller = { user: Principal | null };
type Where<Q> = { where: (...a: any[]) => Q };

const nothing = (eb: any) => eb.lit(false);

/** The tickets a caller sees, as a subquery of ids (for tables hanging off tickets). */
function ticketIds(eb: any, scope: CallerScope) {
  let q = eb.selectFrom('ticket').select('ticket.id');
  if (scope.unitId !== null) q = q.where('ticket.unitId', '=', scope.unitId);
  if (scope.streetId !== null) q = q.where('ticket.streetId', '=', scope.streetId);
  return q;
}

/**
 * What rowScope's where-clauses depend on for this caller — nothing else: a statement built with them may be kept
 * under this key (db/statementCache.ts).
 */
export function scopeKey(caller: Caller): string {
  const scope = callerScope(caller.user);
  return `s${scope.streetId ?? '-'}u${scope.unitId ?? '-'}`;
}

/**
 * Narrows a query on `table` (select, update or delete; unaliased) to the rows the caller may see: a street account
 * its street's, a handler its unit's tickets and what hangs off them. District accounts are unconfined.
 */
export function rowScope<Q extends Where<Q>>(caller: Caller, table: string, q: Q): Q {
  const scope = callerScope(caller.user);
  if (scope.unitId !== null) {
    if (table === 'ticket') q = q.where('unitId', '=', scope.unitId);
    else if (table === 'warning' || table === 'lateAcceptance' || table === 'warningDigest' || table === 'proactiveTask') q = q.where('unitId', '=', scope.unitId);
    else if (TICKET_CHILDREN.has(table)) return q.where((eb: any) => eb('ticketId', 'in', ticketIds(eb, scope)));
  }
  const street = scope.streetId;
  if (street === null) return q;
  if (table === 'street') return q.where('id', '=', street);
  if (STREET_OWNED.has(table)) return q.where('streetId', '=', street);
  if (TICKET_CHILDREN.has(table)) return q.where((eb: any) => eb('ticketId', 'in', ticketIds(eb, scope)));
  if (UNIT_OWNED.has(table)) return q.where((eb: any) => eb('unitId', 'in', eb.selectFrom('unit').select('unit.id').where('unit.streetId', '=', street)));
  if (MEETING_CHILDREN.has(table)) return q.where((eb: any) => eb('meetingId', 'in', eb.selectFrom('meeting').select('meeting.id').where('meeting.streetId', '=', street)));
  if (DISTRICT_CONFIG.has(table)) return q;
  // A table nobody classified (a new register): a street account sees none of it until it is added above.
  return q.where(nothing);
}

/** Refuses a street account's write to district configuration (FORBIDDEN: the operation exists, it is not theirs). */
export function requireDistrictWrite(caller: Caller, table: string, label: string) {
  if (DISTRICT_CONFIG.has(table) || table === 'street') requireDistrictAccount(caller, `修改「${label}」`);
}

export function requireDistrictAccount(caller: Caller, what: string) {
  if (callerScope(caller.user).streetId !== null) throw forbidden(`只有全区账号（区城运中心）可以${what}：街镇账号只能办理本街镇的事项`);
}

/**
 * The street a new account or token gets when `caller` creates it: a district caller's choice (absent = district);
 * a street caller's own street — another street's id is NOT_FOUND (like anything of another street), a district
 * account (explicit null) is FORBIDDEN.
 */
export function accountStreet(caller: Principal | null, given: number | null | undefined): number | null {
  const own = callerScope(caller).streetId;
  if (own === null) return given ?? null;
  if (given === undefined || given === own) return own;
  if (given === null) throw forbidden('只有全区管理员可以创建全区账号');
  throw notFound('街镇', given);
}
