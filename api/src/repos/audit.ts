// The append-only audit log: every mutation writes exactly one row, in the mutation's own transaction.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { Principal } from './auth';
import { maskAddress, maskFreeText, maskPhone, type FreeTextContext } from '../domain/personal';

/**
 * The log is append-only and kept for years, so personal data never enters it: phone numbers and house numbers
 * are masked wherever they appear in a row (citizenPhone/address keys, and inside every text: 诉求内容, 答复,
 * 备注 … through maskFreeText, with the row's own address), and secrets are dropped.
 */
export function scrubForAudit(value: unknown, depth = 0, context: FreeTextContext = {}): unknown {
  if (typeof value === 'string') return maskFreeText(value, context);
  if (value === null || typeof value !== 'object' || value instanceof Date || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => scrubForAudit(v, depth + 1, context));
  const row = value as Record<string, unknown>;
  // A row's own address says which house number its texts may repeat (a diff's address is masked already).
  const own = typeof row.address === 'string' && maskAddress(row.address) !== row.address ? { address: row.address } : context;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'passwordHash' || k === 'tokenHash' || k === 'password' || k === 'token') continue;
    if (k === 'citizenPhone' && typeof v === 'string') out[k] = maskPhone(v);
    else if (k === 'address' && typeof v === 'string') out[k] = maskAddress(v);
    else out[k] = scrubForAudit(v, depth + 1, own);
  }
  return out;
}

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
      before: a.before === undefined ? null : JSON.stringify(scrubForAudit(a.before)),
      after: a.after === undefined ? null : JSON.stringify(scrubForAudit(a.after)),
      requestId: a.requestId ?? null,
    })
    .execute();
}
