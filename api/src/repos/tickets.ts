// Ticket SQL that is more than CRUD: repeat-group flattening and the append-only event history.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { Principal } from './auth';
import { maskAddress, maskFreeText } from '../domain/personal';
import { scrubForAudit } from './audit';

type Db = Kysely<Database> | Transaction<Database>;

/** The root of a repeat chain (一案一档: chains flatten to the root master). */
export async function repeatRoot(db: Db, ticketId: number): Promise<{ id: number; streetId: number } | undefined> {
  let current = await db.selectFrom('ticket').select(['id', 'repeatOfId', 'streetId']).where('id', '=', ticketId).executeTakeFirst();
  const seen = new Set<number>();
  while (current && current.repeatOfId !== null && !seen.has(current.id)) {
    seen.add(current.id);
    current = await db.selectFrom('ticket').select(['id', 'repeatOfId', 'streetId']).where('id', '=', current.repeatOfId).executeTakeFirst();
  }
  return current ? { id: current.id, streetId: current.streetId } : undefined;
}

/** When a master becomes a child, its own children move to the new root so groups stay one level deep. */
export async function repointChildren(db: Db, fromMasterId: number, toRootId: number) {
  await db.updateTable('ticket').set({ repeatOfId: toRootId }).where('repeatOfId', '=', fromMasterId).execute();
}

const TRACKED = [
  'status', 'unitId', 'category', 'channel', 'urgent', 'receivedAt', 'dispatchedAt', 'acceptedAt', 'firstContactAt',
  'submittedAt', 'closedAt', 'firstContactDue', 'completionDue', 'factFinding', 'resolution', 'repeatOfId',
  'extensionApproved', 'redoCount', 'difficult', 'concentrated', 'escalated', 'topic', 'content', 'address',
] as const;

/** What changed between two versions of a ticket, for its event history. */
export function ticketDiff(before: Record<string, unknown> | null, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of TRACKED) {
    const x = before?.[k] ?? null;
    const y = after[k] ?? null;
    const same = x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : x === y;
    if (!same) {
      // The event history is readable by every role: it keeps the road, never the house number.
      b[k] = k === 'address' ? maskAddress(x as string | null) : x;
      a[k] = k === 'address' ? maskAddress(y as string | null) : y;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

export async function appendTicketEvent(
  db: Db,
  e: { ticketId: number; actor: Principal | null; kind: string; before?: unknown; after?: unknown; note?: string | null; at?: Date },
) {
  // Readable by every role and append-only: no phone or house number, in the texts either (诉求内容, 答复, notes).
  const ticket = await db.selectFrom('ticket').select('address').where('id', '=', e.ticketId).executeTakeFirst();
  const context = { address: ticket?.address ?? null };
  await db
    .insertInto('ticketEvent')
    .values({
      ticketId: e.ticketId,
      at: e.at ?? new Date(),
      actorUserId: e.actor?.userId ?? null,
      actorLabel: e.actor?.username ?? null,
      kind: e.kind,
      before: e.before === undefined ? null : JSON.stringify(scrubForAudit(e.before, 0, context)),
      after: e.after === undefined ? null : JSON.stringify(scrubForAudit(e.after, 0, context)),
      note: maskFreeText(e.note, context),
    })
    .execute();
}
