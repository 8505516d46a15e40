// The audit log's hash chain (migration 0011): every writer chains, nothing the client passes for the chain is kept,
// and deleting, editing or inserting rows, even as the owner with the triggers disabled, is found by verification.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { openDatabase } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrate';
import { writeAudit } from '../../src/repos/audit';
import { verifyAuditChain, type ChainReport } from '../../src/security/auditChain';
import type { Database } from '../../src/db/types';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const migration = (dir: 'up' | 'down') => fs.readFileSync(path.join(root, `migrations/0011_audit_chain.${dir}.sql`), 'utf8');

let db: TestDatabase;
let admin: Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;

beforeAll(async () => {
  db = await createTestDatabase('none');
  admin = await testApi(db).signedIn('ADMIN');
  for (const name of ['链一', '链二', '链三', '链四', '链五']) {
    expect((await admin('mutation($n: String!) { createTopic(name: $n) { id } }', { n: name })).errors).toBeUndefined();
  }
});
afterAll(() => db?.close());

const ids = async (q: Kysely<Database> = db.db) => (await q.selectFrom('auditLog').select('id').orderBy('id').execute()).map((r) => Number(r.id));
const count = async () => (await ids()).length;

/** Tampers as the owner inside a transaction that is rolled back, and verifies what the tampering left. */
async function tampered(work: (trx: Kysely<Database>) => Promise<void>, opts: Parameters<typeof verifyAuditChain>[1] = {}): Promise<ChainReport> {
  let report: ChainReport | undefined;
  const rollback = new Error('rollback');
  await db.db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(trx);
    await work(trx);
    report = await verifyAuditChain(trx, opts);
    throw rollback;
  }).catch((e) => {
    if (e !== rollback) throw e;
  });
  return report!;
}

/** Runs a script as on migration (PGlite takes multi-statement scripts through exec). */
const runScript = (script: string) => (db.pglite ? db.pglite.exec(script) : sql.raw(script).execute(db.db));

describe('the audit hash chain', () => {
  it('mutations produce a valid chain, in id order', async () => {
    const r = await verifyAuditChain(db.db);
    expect(r).toMatchObject({ ok: true, rows: await count() });
    expect(r.rows).toBeGreaterThanOrEqual(6); // login + five topics
    expect(r.headHash).toMatch(/^[0-9a-f]{64}$/);
    // Small batches walk the same chain.
    expect(await verifyAuditChain(db.db, { batchSize: 2 })).toEqual(r);
  });

  it('a deleted middle row: its successor is named as the first broken row', async () => {
    const all = await ids();
    const r = await tampered(async (trx) => {
      await sql`delete from audit_log where id = ${all[2]}`.execute(trx);
    });
    expect(r.ok).toBe(false);
    expect(r.broken).toMatchObject({ id: all[3], kind: 'link' });
    expect(r.broken!.message).toContain(`上一行 id ${all[1]}`);
    expect(r.rows).toBe(2);
  });

  it('an edited row is named itself, even when the editor recomputes its hash (then its successor breaks)', async () => {
    const all = await ids();
    const edited = await tampered(async (trx) => {
      await sql`update audit_log set after = '{"name": "改过"}' where id = ${all[3]}`.execute(trx);
    });
    expect(edited.broken).toMatchObject({ id: all[3], kind: 'edited', message: expect.stringContaining('被修改') });
    expect(edited.broken!.operation).toBe('createTopic');

    const rehashed = await tampered(async (trx) => {
      await sql`update audit_log set after = '{"name": "改过"}' where id = ${all[3]}`.execute(trx);
      await sql`update audit_log a set hash = audit_chain_hash(a.prev_hash, a) where id = ${all[3]}`.execute(trx);
    });
    expect(rehashed.broken).toMatchObject({ id: all[4], kind: 'link' });
  });

  it('the first row deleted, or a row inserted in the middle with the triggers off, is found', async () => {
    const all = await ids();
    const first = await tampered(async (trx) => {
      await sql`delete from audit_log where id = ${all[0]}`.execute(trx);
    });
    expect(first.broken).toMatchObject({ id: all[1], kind: 'link', message: expect.stringContaining('首行') });

    // A forged row put in place of a deleted one, with a correct link and hash of its own: it verifies by itself,
    // but the row after it still links to the original. (Ids are drawn under the chain's lock, so a row can only
    // go in the middle through a gap or by renumbering, and renumbering is an edit of every row moved.)
    const replaced = await tampered(async (trx) => {
      await sql`alter table audit_log disable trigger audit_log_chain`.execute(trx);
      await sql`delete from audit_log where id = ${all[2]}`.execute(trx);
      await sql`insert into audit_log (id, at, operation, prev_hash, hash)
        select ${all[2]}, now(), 'forged', b.hash, b.hash from audit_log b where b.id = ${all[1]}`.execute(trx);
      await sql`update audit_log a set hash = audit_chain_hash(a.prev_hash, a) where id = ${all[2]}`.execute(trx);
    });
    expect(replaced.broken).toMatchObject({ id: all[3], kind: 'link' });
    expect(replaced.rows).toBe(3);
  });

  it('whoever rewrites the chain from a change onwards passes the walk, but not a head recorded earlier', async () => {
    const before = await verifyAuditChain(db.db);
    const checkpoint = { id: before.headId!, hash: before.headHash! };
    expect(await verifyAuditChain(db.db, { checkpoint })).toMatchObject({ ok: true });
    const all = await ids();
    const rewritten = await tampered(async (trx) => {
      await sql`update audit_log set after = '{"name": "改过"}' where id = ${all[1]}`.execute(trx);
      await sql`do $$
        declare r audit_log%rowtype; prev bytea := decode(repeat('00', 32), 'hex');
        begin
          for r in select * from audit_log order by id loop
            update audit_log set prev_hash = prev, hash = audit_chain_hash(prev, r) where id = r.id returning hash into prev;
          end loop;
        end $$`.execute(trx);
    }, { checkpoint });
    expect(rewritten.broken).toMatchObject({ id: checkpoint.id, kind: 'checkpoint' });
    // The tail cut off: the walk itself cannot tell, the recorded head can.
    const cut = await tampered(async (trx) => {
      await sql`delete from audit_log where id = ${checkpoint.id}`.execute(trx);
    }, { checkpoint });
    expect(cut.broken).toMatchObject({ kind: 'checkpoint', message: expect.stringContaining(`id ${checkpoint.id} 不存在`) });
    expect((await tampered(async (trx) => void (await sql`delete from audit_log where id = ${checkpoint.id}`.execute(trx)))).ok).toBe(true);
  });

  it('a client cannot choose id, time or chain values: the trigger overwrites them', async () => {
    const head = await verifyAuditChain(db.db);
    const forged = Buffer.alloc(32, 7);
    const insert = async (q: Kysely<any>) =>
      (await sql<{ id: number; at: Date; prevHash: Uint8Array; hash: Uint8Array }>`
        insert into audit_log (id, at, operation, prev_hash, hash) values (1, '2000-01-01T00:00:00Z', 'forged', ${forged}, ${forged})
        returning id, at, prev_hash, hash`.execute(q)).rows[0]!;
    // As the application role (requests run as it on PostgreSQL), which may insert but not touch the triggers.
    const row = await db.db.connection().execute(async (c) => {
      await sql`set role rexian_app`.execute(c);
      try {
        await expect(sql`alter table audit_log disable trigger audit_log_chain`.execute(c)).rejects.toThrow(/owner/);
        return await insert(c);
      } finally {
        await sql`reset role`.execute(c);
      }
    });
    expect(Number(row.id)).toBeGreaterThan(head.headId!);
    expect(new Date(row.at).getFullYear()).toBeGreaterThan(2000);
    expect(Buffer.from(row.prevHash).toString('hex')).toBe(head.headHash);
    expect(Buffer.from(row.hash).equals(forged)).toBe(false);
    expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true, rows: head.rows + 1, headId: Number(row.id) });
  });

  it('a rolled-back insert leaves the chain whole (and an id gap, which is not a break)', async () => {
    await db.db.transaction().execute(async (trx) => {
      await writeAudit(trx, { actor: null, operation: 'rolledBack' });
      throw new Error('undo');
    }).catch(() => undefined);
    await writeAudit(db.db, { actor: null, operation: 'afterRollback' });
    expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true });
  });

  it('the migration chains existing rows in id order, keeps their ids and times, and its down step drops the chain', async () => {
    const rowsBefore = await db.db.selectFrom('auditLog').select(['id', 'at', 'hash']).orderBy('id').execute();
    await runScript(migration('down'));
    // Rows written without the chain, as before the migration: thousands, to see the backfill's speed.
    await sql`insert into audit_log (operation, entity, after) select 'bulk', 'topic', jsonb_build_object('n', g) from generate_series(1, 5000) g`.execute(db.db);
    const t0 = performance.now();
    await runScript(migration('up'));
    const ms = performance.now() - t0;
    const r = await verifyAuditChain(db.db);
    expect(r).toMatchObject({ ok: true, rows: rowsBefore.length + 5000 });
    const rowsAfter = await db.db.selectFrom('auditLog').select(['id', 'at', 'hash']).orderBy('id').limit(rowsBefore.length).execute();
    // The same content gives the same chain.
    expect(rowsAfter.map((x) => [x.id, String(x.at), Buffer.from(x.hash).toString('hex')])).toEqual(rowsBefore.map((x) => [x.id, String(x.at), Buffer.from(x.hash).toString('hex')]));
    console.log(JSON.stringify({ scenario: 'audit-chain-backfill', engine: db.kind, rows: r.rows, ms: Math.round(ms) }));
    // New rows continue after the highest id.
    await writeAudit(db.db, { actor: null, operation: 'afterBackfill' });
    expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true, rows: r.rows + 1 });
  }, 120_000);

  it('costs little per insert (1000 inserts with the chain and without)', async () => {
    await sql`create table audit_plain (id bigint generated always as identity primary key, at timestamptz not null default now(),
      actor_user_id integer, actor_label text, operation text not null, entity text, entity_id text, before jsonb, after jsonb, request_id text)`.execute(db.db);
    const after = { name: '一个主题', version: 1, createdAt: '2023-06-21T01:00:00Z', note: '审计链基准' };
    // Each insert committed on its own (a mutation's case), or all in one transaction (the trigger's own work).
    const time = async (table: 'audit_log' | 'audit_plain', oneTransaction: boolean) => {
      const run = async (q: Kysely<Database>) => {
        const t0 = performance.now();
        for (let i = 0; i < 1000; i++) {
          await sql`insert into ${sql.table(table)} (actor_user_id, actor_label, operation, entity, entity_id, after, request_id)
            values (1, 'admin', 'updateTopic', 'topic', ${String(i)}, ${JSON.stringify(after)}, 'req')`.execute(q);
        }
        return (performance.now() - t0) / 1000;
      };
      return oneTransaction ? db.db.transaction().execute(run) : run(db.db);
    };
    const figures: Record<string, number> = {};
    for (const oneTransaction of [false, true]) {
      const best = { plain: Infinity, chained: Infinity };
      for (let round = 0; round < 2; round++) { // alternated, best of two: the machine is shared
        best.plain = Math.min(best.plain, await time('audit_plain', oneTransaction));
        best.chained = Math.min(best.chained, await time('audit_log', oneTransaction));
      }
      const key = oneTransaction ? 'inOneTransaction' : 'eachCommitted';
      figures[`${key}PlainMs`] = +best.plain.toFixed(3);
      figures[`${key}ChainedMs`] = +best.chained.toFixed(3);
    }
    await sql`drop table audit_plain`.execute(db.db);
    expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true });
    console.log(JSON.stringify({ scenario: 'audit-chain-insert-cost', engine: db.kind, inserts: 1000, ...figures }));
  }, 120_000);
});

describe.runIf(!!process.env.DATABASE_URL)('on PostgreSQL, under concurrency', () => {
  it('20 parallel mutations through the pool still form one linear chain', async () => {
    const before = await count();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => admin('mutation($n: String!) { createTopic(name: $n) { id } }', { n: `并发${i}` })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true, rows: before + 20 });
    // And as 20 bare inserts, each in its own transaction on its own connection.
    await Promise.all(Array.from({ length: 20 }, () => db.appDb.transaction().execute((trx) => writeAudit(trx, { actor: null, operation: 'parallel' }))));
    expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true, rows: before + 40 });
  });
});

describe('pnpm rexian audit verify', () => {
  it('exits 0 on a whole chain, and non-zero naming the first broken row', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-audit-'));
    const rexian = (...args: string[]) => {
      const env: NodeJS.ProcessEnv = { ...process.env, REXIAN_DATA_DIR: dataDir, REXIAN_SEED: 'none' };
      delete env.DATABASE_URL;
      const r = spawnSync(process.execPath, [path.join(root, 'scripts/rexian.mjs'), ...args], { cwd: root, env, encoding: 'utf8' });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    const withData = async (work: (d: Kysely<Database>) => Promise<void>) => {
      const o = await openDatabase({ dataDir });
      try {
        await work(o.db);
      } finally {
        await o.close();
      }
    };
    try {
      let target = 0;
      const o = await openDatabase({ dataDir });
      await migrateToLatest(o).finally(() => o.close());
      await withData(async (d) => {
        for (const op of ['a', 'b', 'c']) await writeAudit(d, { actor: null, operation: op });
        target = Number((await d.selectFrom('auditLog').select('id').where('operation', '=', 'b').executeTakeFirstOrThrow()).id);
      });
      const good = rexian('audit', 'verify');
      expect(good.code, good.err).toBe(0);
      const head = /--expect (\d+:[0-9a-f]{64})/.exec(good.out)![1]!;
      expect(good.out).toMatch(/审计链完整：3 行/);
      expect(rexian('audit', 'verify', '--expect', head).code).toBe(0);
      expect(rexian('audit', 'verify', '--expect', 'nonsense').code).toBe(2);

      await withData(async (d) => {
        await sql`alter table audit_log disable trigger audit_log_append_only`.execute(d);
        await sql`update audit_log set operation = 'b2' where id = ${target}`.execute(d);
        await sql`alter table audit_log enable trigger audit_log_append_only`.execute(d);
      });
      const bad = rexian('audit', 'verify');
      expect(bad.code).toBe(1);
      expect(bad.err).toContain(`id ${target}`);
      expect(bad.err).toMatch(/被修改/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
