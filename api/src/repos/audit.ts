// The append-only audit log: every mutation writes exactly one row, in the mutation's own transaction.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { Principal } from './auth';

export async function writeAudit(
  trx: Kysely<Database> | Transaction<Database>,
  a: { actor: Principal | null; operation: string; entity?: string; entityId?: string | number | null; before?: unknown; after?: unknown; requestId?: string },
) {
  await trx
    .insertInto('auditLog')
    .values({
      actorUserId: a.actor?.userId ?? null,
      actorLabel: a.actor?.username ?? null,
      operation: a.operation,
      entity: a.entity ?? null,
      entityId: a.entityId == null ? null : String(a.entityId),
      before: a.before === undefined ? null : JSON.stringify(a.before),
      after: a.after === undefined ? null : JSON.stringify(a.after),
      requestId: a.requestId ?? null,
    })
    .execute();
}
