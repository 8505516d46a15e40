// SQL of the ticket workflow (domain.md §2 "Lifecycle", §5): locking the rows a step reads, writing the
// step's rows, and the two supervision reports (daily unsatisfied digest, return counts per unit).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import { getRow, updateRowVersioned, type Restrict } from './crud';
import { isoWeekOf, shanghaiDate } from '../domain/time';
import type { WorkCalendar } from '../domain/calendar';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Record<string, any> & { id: number };

/** The ticket, locked for the rest of the transaction (after the caller's row scope). */
export function lockTicket(trx: Db, id: number, restrict: Restrict): Promise<Row | undefined> {
  return getRow(trx, 'ticket', id, restrict, true);
}

/** Writes a step's columns when the ticket still has `version`; undefined on a concurrent change. */
export function updateTicket(trx: Db, id: number, version: number, patch: Record<string, unknown>): Promise<Row | undefined> {
  return updateRowVersioned(trx, 'ticket', id, version, patch, { versioned: true, touch: true });
}

export function findUnit(trx: Db, id: number) {
  return trx.selectFrom('unit').select(['id', 'streetId', 'active', 'name']).where('id', '=', id).executeTakeFirst();
}

// ——— 退单 ———

export function returnHistory(trx: Db, ticketId: number) {
  return trx.selectFrom('returnRequest').select(['id', 'fromUnitId', 'status', 'toUnitId']).where('ticketId', '=', ticketId).orderBy('id').execute();
}

export function insertReturnRequest(
  trx: Db,
  v: { ticketId: number; fromUnitId: number; reason: string; requestedAt: Date; requestedBy: number | null; needsMainLeader: boolean },
): Promise<Row> {
  return trx.insertInto('returnRequest').values(v).returningAll().executeTakeFirstOrThrow() as Promise<Row>;
}

export function lockReturnRequest(trx: Db, id: number, restrict: Restrict): Promise<Row | undefined> {
  return getRow(trx, 'returnRequest', id, restrict, true);
}

export function updateReturnRequest(trx: Db, id: number, values: Record<string, unknown>): Promise<Row | undefined> {
  return updateRowVersioned(trx, 'returnRequest', id, null, values, { versioned: true, touch: true });
}

/**
 * Per unit of the street, for the month [from, to): requests made, and requests finally approved or
 * rejected (at the 分管领导's decision, or the 主要领导's when one was needed), and those made and still open.
 * Every active unit is listed; an inactive one only when it has rows.
 */
export async function returnCountsByUnit(db: Db, streetId: number, from: Date, to: Date) {
  const rows = await db
    .selectFrom('unit')
    .leftJoin('returnRequest as r', 'r.fromUnitId', 'unit.id')
    .where('unit.streetId', '=', streetId)
    .groupBy(['unit.id', 'unit.code', 'unit.active'])
    .select(['unit.id as unitId', 'unit.code as code', 'unit.active as active'])
    .select((eb) => {
      const requested = eb.and([eb('r.requestedAt', '>=', from), eb('r.requestedAt', '<', to)]);
      const decidedAt = eb.fn.coalesce('r.mainLeaderAt', 'r.decidedAt');
      const decided = eb.and([eb(decidedAt, '>=', from), eb(decidedAt, '<', to)]);
      return [
        eb.fn.count<number>('r.id').filterWhere(requested).as('requested'),
        eb.fn.count<number>('r.id').filterWhere(eb.and([eb('r.status', '=', 'APPROVED'), decided])).as('approved'),
        eb.fn.count<number>('r.id').filterWhere(eb.and([eb('r.status', '=', 'REJECTED'), decided])).as('rejected'),
        eb.fn.count<number>('r.id').filterWhere(eb.and([eb('r.status', 'in', ['PENDING', 'AWAITING_MAIN_LEADER']), requested])).as('pending'),
      ];
    })
    .execute();
  return rows
    .map((r) => ({ unitId: r.unitId, code: r.code, active: r.active, requested: Number(r.requested), approved: Number(r.approved), rejected: Number(r.rejected), pending: Number(r.pending) }))
    .filter((r) => r.active || r.requested + r.approved + r.rejected + r.pending > 0)
    .sort((a, b) => b.requested - a.requested || b.rejected - a.rejected || a.code.localeCompare(b.code));
}

// ——— 八审八不准 ———

export function insertClosureAudit(
  trx: Db,
  v: { ticketId: number; submittedAt: Date; auditedAt: Date; auditorId: number | null; checks: unknown; passed: boolean; note: string | null },
): Promise<Row> {
  return trx
    .insertInto('closureAudit')
    .values({ ...v, checks: JSON.stringify(v.checks) })
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<Row>;
}

// ——— 延期 ———

export async function hasPendingExtension(trx: Db, ticketId: number): Promise<boolean> {
  const r = await trx.selectFrom('extensionRequest').select('id').where('ticketId', '=', ticketId).where('status', '=', 'PENDING').executeTakeFirst();
  return !!r;
}

export function insertExtensionRequest(
  trx: Db,
  v: { ticketId: number; unitId: number | null; reason: string; requestedAt: Date; requestedBy: number | null },
): Promise<Row> {
  return trx.insertInto('extensionRequest').values(v).returningAll().executeTakeFirstOrThrow() as Promise<Row>;
}

export function lockExtensionRequest(trx: Db, id: number): Promise<Row | undefined> {
  return getRow(trx, 'extensionRequest', id, (q) => q, true);
}

export function updateExtensionRequest(trx: Db, id: number, values: Record<string, unknown>): Promise<Row | undefined> {
  return updateRowVersioned(trx, 'extensionRequest', id, null, values, { versioned: true, touch: true });
}

// ——— 回访 ———

export function insertCallback(trx: Db, v: { ticketId: number; calledAt: Date; result: string; caller: string | null; note: string | null }): Promise<Row> {
  return trx.insertInto('callback').values({ ...v, source: 'MANUAL' }).returningAll().executeTakeFirstOrThrow() as Promise<Row>;
}

/**
 * Inputs of the unsatisfied digest for one Shanghai day [dayStart, dayEnd): the street's tickets (after the
 * caller's row scope) with a 不满意 callback that day, and all their callbacks up to the end of the day.
 */
export async function digestInputs(db: Db, streetId: number, dayStart: Date, dayEnd: Date, restrictTickets: Restrict) {
  const tickets = (await restrictTickets(
    db
      .selectFrom('ticket')
      .select(['id', 'unitId'])
      .where('streetId', '=', streetId)
      .where('unitId', 'is not', null)
      .where('id', 'in', db.selectFrom('callback').select('callback.ticketId').where('result', '=', 'UNSATISFIED').where('calledAt', '>=', dayStart).where('calledAt', '<', dayEnd)),
  ).execute()) as Array<{ id: number; unitId: number }>;
  if (!tickets.length) return { tickets, callbacks: [] };
  const callbacks = await db
    .selectFrom('callback')
    .select(['id', 'ticketId', 'calledAt', 'result'])
    .where('ticketId', 'in', tickets.map((t) => t.id))
    .where('calledAt', '<', dayEnd)
    .orderBy('ticketId')
    .orderBy('calledAt')
    .orderBy('id')
    .execute();
  return { tickets, callbacks };
}

// ——— 领导督办单 ———

export function insertLeaderOrder(
  trx: Db,
  v: { ticketId: number; leaderName: string; issuedAt: Date; dueAt: Date; reason: string; issuedBy: number | null },
): Promise<Row> {
  return trx.insertInto('leaderOrder').values(v).returningAll().executeTakeFirstOrThrow() as Promise<Row>;
}

export function lockLeaderOrder(trx: Db, id: number, restrict: Restrict): Promise<Row | undefined> {
  return getRow(trx, 'leaderOrder', id, restrict, true);
}

export function updateLeaderOrder(trx: Db, id: number, values: Record<string, unknown>): Promise<Row | undefined> {
  return updateRowVersioned(trx, 'leaderOrder', id, null, values, { versioned: true, touch: true });
}

// ——— 值班领导 (domain.md §1 roster, §8) ———

/**
 * The (street, ISO week) pairs a leader is on duty for: the roster rows naming the account, or — for rows
 * entered without an account — its display name or user name.
 */
export async function dutyWeeksOf(db: Db, userId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('dutyRoster as r')
    .innerJoin('appUser as u', (j) => j.on('u.id', '=', userId))
    .select(['r.streetId', 'r.isoWeek'])
    // Display names carry the title ("分管领导 周建国"); the roster the person's name ("周建国").
    .where((eb) => eb.or([eb('r.leaderUserId', '=', userId), eb.and([eb('r.leaderUserId', 'is', null), eb.or([eb('r.leaderName', '=', eb.ref('u.username')), sql<boolean>`position(r.leader_name in coalesce(u.display_name, u.username)) > 0`])])]))
    .execute();
  return new Set(rows.map((r) => `${r.streetId}:${r.isoWeek}`));
}

/** "That week's tickets": the ticket was received in a week the leader is on duty for, in its street. */
export function isDutyTicket(weeks: Set<string>, ticket: { streetId: number; receivedAt: Date }): boolean {
  return weeks.has(`${ticket.streetId}:${isoWeekOf(shanghaiDate(ticket.receivedAt))}`);
}

export async function hasOpenLeaderOrder(db: Db, ticketId: number): Promise<boolean> {
  const r = await db.selectFrom('leaderOrder').select('id').where('ticketId', '=', ticketId).where('completedAt', 'is', null).executeTakeFirst();
  return !!r;
}

// ——— 拖延接单 (domain.md §5) ———

/** acceptWithin of the active scheme (default 1 working day). */
export async function acceptWithinWorkdays(db: Db): Promise<number> {
  const r = await db.selectFrom('scoringScheme').select('acceptWithinWorkdays').where('active', '=', true).orderBy('id', 'desc').executeTakeFirst();
  return r ? Number(r.acceptWithinWorkdays) : 1;
}

/** The end of the acceptance window of a dispatch: n working days after it, the same rule as due times. */
export const acceptDueOf = (dispatchedAt: Date, workdays: number, calendar: WorkCalendar) => calendar.addWorkdays(dispatchedAt, workdays);

/**
 * Flags the dispatches not accepted within their window (accepted late, or still waiting past it); one row per
 * dispatch of a ticket to a unit, an acceptance recorded on the row when it comes. Returns the new flags.
 */
export async function flagLateAcceptances(
  db: Db,
  tickets: ReadonlyArray<{ id: number; unitId: number | null; streetId: number; dispatchedAt: Date | null; acceptedAt: Date | null }>,
  now: Date,
  workdays: number,
  calendar: WorkCalendar,
): Promise<number> {
  const late = [];
  for (const t of tickets) {
    if (t.unitId == null || !t.dispatchedAt) continue;
    const due = acceptDueOf(t.dispatchedAt, workdays, calendar);
    const by = t.acceptedAt ?? now;
    if (by.getTime() > due.getTime()) late.push({ ticketId: t.id, unitId: t.unitId, streetId: t.streetId, dispatchedAt: t.dispatchedAt, acceptDue: due, acceptedAt: t.acceptedAt, flaggedAt: now });
  }
  if (!late.length) return 0;
  const rows = await db
    .insertInto('lateAcceptance')
    .values(late)
    .onConflict((oc) => oc.columns(['ticketId', 'unitId', 'dispatchedAt']).doUpdateSet((eb) => ({ acceptedAt: eb.fn.coalesce('lateAcceptance.acceptedAt', 'excluded.acceptedAt') })))
    .returning(['id', 'flaggedAt'])
    .execute();
  return rows.filter((r) => r.flaggedAt.getTime() === now.getTime()).length;
}

export async function displayNameOf(db: Db, userId: number | null): Promise<string | null> {
  if (userId == null) return null;
  const r = await db.selectFrom('appUser').select(['displayName', 'username']).where('id', '=', userId).executeTakeFirst();
  return r ? (r.displayName ?? r.username) : null;
}
