// Verifies the audit log's hash chain (migration 0011): each row's hash = sha256(prev_hash || canonical content),
// and each row's prev_hash is the previous row's hash, in id order. Walks the table in batches, so its size does not
// matter. Shared by `pnpm rexian audit verify` and the tests.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';

export const GENESIS_HASH = Buffer.alloc(32);

/**
 * The canonical content of a row, repeated here on purpose instead of calling the migration's audit_chain_hash():
 * whoever can replace that function must not be able to make a tampered row verify.
 */
const EXPECTED_HASH = sql`pg_catalog.sha256(prev_hash || pg_catalog.convert_to(pg_catalog.jsonb_build_array(
  id, (extract(epoch from at) * 1000000)::bigint, actor_user_id, actor_label, operation,
  entity, entity_id, before, after, request_id)::text, 'UTF8'))`;

interface ChainRow {
  id: number;
  at: Date | string;
  operation: string;
  prevHash: Uint8Array | null;
  hash: Uint8Array | null;
  expected: Uint8Array | null;
}

export interface ChainBreak {
  id: number;
  at: string;
  operation: string;
  /** edited: the row's content or hash changed; link: a row before it was deleted, inserted or rewritten; checkpoint: an externally recorded hash no longer matches. */
  kind: 'edited' | 'link' | 'checkpoint';
  message: string;
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  headId: number | null;
  headHash: string | null;
  broken?: ChainBreak;
}

/** A head recorded earlier, outside the database: `<id>:<hex hash>`. */
export interface Checkpoint {
  id: number;
  hash: string;
}

export function parseCheckpoint(text: string): Checkpoint | null {
  const m = /^(\d+):([0-9a-f]{64})$/i.exec(text.trim());
  return m ? { id: Number(m[1]), hash: m[2]!.toLowerCase() } : null;
}

const hex = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('hex') : '(空)');
const same = (a: Uint8Array | null, b: Uint8Array | null) => !!a && !!b && Buffer.from(a).equals(Buffer.from(b));
const iso = (at: unknown) => (at instanceof Date ? at.toISOString() : String(at));

/** Stops at the first broken row: everything after it would be reported broken too. */
export async function verifyAuditChain(db: Kysely<Database>, opts: { batchSize?: number; checkpoint?: Checkpoint } = {}): Promise<ChainReport> {
  const batchSize = opts.batchSize ?? 5000;
  let rows = 0;
  let prevId: number | null = null;
  let prevHash: Uint8Array = GENESIS_HASH;
  let checkpointSeen = false;
  for (;;) {
    const after: number = prevId ?? -1;
    const { rows: batch }: { rows: ChainRow[] } = await sql<ChainRow>`
      select id, at, operation, prev_hash, hash, ${EXPECTED_HASH} as expected
      from audit_log where id > ${after} order by id limit ${batchSize}`.execute(db);
    for (const r of batch) {
      const id: number = Number(r.id);
      const where = { id, at: iso(r.at), operation: r.operation };
      if (!same(r.prevHash, prevHash)) {
        const message = prevId === null
          ? `首行的 prev_hash（${hex(r.prevHash)}）不是链的起点：它之前的行被删除了`
          : `prev_hash 与上一行 id ${prevId} 的哈希不符：两行之间有行被删除或插入，或上一行被改写`;
        return { ok: false, rows, headId: prevId, headHash: hex(prevHash), broken: { ...where, kind: 'link', message } };
      }
      if (!same(r.hash, r.expected)) {
        return { ok: false, rows, headId: prevId, headHash: hex(prevHash), broken: { ...where, kind: 'edited', message: '内容与哈希不符：该行被修改过' } };
      }
      if (opts.checkpoint && id === opts.checkpoint.id) {
        checkpointSeen = true;
        if (hex(r.hash) !== opts.checkpoint.hash) {
          return { ok: false, rows, headId: prevId, headHash: hex(prevHash), broken: { ...where, kind: 'checkpoint', message: `哈希 ${hex(r.hash)} 与记录的检查点 ${opts.checkpoint.hash} 不符：此行及之前的链被重写过` } };
        }
      }
      rows++;
      prevId = id;
      prevHash = r.hash!;
    }
    if (batch.length < batchSize) break;
  }
  if (opts.checkpoint && !checkpointSeen) {
    const { id } = opts.checkpoint;
    const message = prevId !== null && prevId > id ? `记录的检查点行 id ${id} 不存在：它被删除了` : `记录的检查点行 id ${id} 不存在：链在 id ${prevId ?? '（空）'} 处结束，其后的行被删除了`;
    return { ok: false, rows, headId: prevId, headHash: hex(prevHash), broken: { id, at: '', operation: '', kind: 'checkpoint', message } };
  }
  return { ok: true, rows, headId: prevId, headHash: prevId === null ? null : hex(prevHash) };
}

/** One line for the operator: where the chain breaks and why. */
export function describeChainBreak(b: ChainBreak): string {
  return b.at ? `审计链在 id ${b.id}（${b.at}，${b.operation}）处断裂：${b.message}` : `审计链不完整：${b.message}`;
}
