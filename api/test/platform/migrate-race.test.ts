// Suites share one PostgreSQL database in separate schemas and drop theirs when done. Kysely's Migrator looks for its
// table with a catalog query over every schema, which fails (3F000) when another schema is dropped mid-query; the
// migration must still succeed (api/src/db/migrate.ts gives the Migrator an introspector of our schema only).
// PostgreSQL only; without that introspector this test failed about every other run.
import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase, type OpenedDatabase } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrate';

const URL_ = process.env.DATABASE_URL;
const TAG = `t_race_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
const opened: OpenedDatabase[] = [];

describe.skipIf(!URL_)('migrating while other schemas come and go', () => {
  const control = new pg.Client({ connectionString: URL_ });
  afterAll(async () => {
    for (const o of opened) await o.close();
    const { rows } = await control.query(`select nspname from pg_namespace where nspname like $1`, [`${TAG}%`]);
    for (const r of rows) await control.query(`drop schema if exists ${r.nspname} cascade`);
    await control.end();
  });

  it('succeeds every time while another connection creates and drops schemas', async () => {
    await control.connect();
    let churn = true;
    let churned = 0;
    const churner = (async () => {
      const c = new pg.Client({ connectionString: URL_ });
      await c.connect();
      // Many small schemas: the catalog query is likelier to see one that is then dropped.
      while (churn) {
        const names = Array.from({ length: 20 }, (_, i) => `${TAG}_x${i}`);
        await c.query(names.map((n) => `create schema ${n}; create table ${n}.t (id int);`).join(''));
        await c.query(names.map((n) => `drop schema ${n} cascade;`).join(''));
        churned++;
      }
      await c.end();
    })();
    try {
      for (let i = 0; i < 6; i++) {
        const schema = `${TAG}_m${i}`;
        await control.query(`create schema ${schema}`);
        const o = await openDatabase({ databaseUrl: URL_, searchPath: schema, poolMax: 2, appRole: '' });
        opened.push(o);
        const applied = await migrateToLatest(o);
        expect(applied.length).toBeGreaterThan(5);
      }
    } finally {
      churn = false;
      await churner;
    }
    expect(churned).toBeGreaterThan(0);
  }, 120_000);
});
