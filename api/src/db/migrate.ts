// Numbered SQL files in /migrations (NNNN_name.up.sql + NNNN_name.down.sql) run by Kysely's Migrator.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Migrator, sql, type DatabaseIntrospector, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { OpenedDatabase } from './connection';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

class SqlFileProvider implements MigrationProvider {
  constructor(private readonly opened: OpenedDatabase) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const file of fs.readdirSync(MIGRATIONS_DIR).sort()) {
      const m = /^(\d{4}_[a-z0-9_]+)\.up\.sql$/.exec(file);
      if (!m) continue;
      const name = m[1]!;
      const up = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      const downPath = path.join(MIGRATIONS_DIR, `${name}.down.sql`);
      const down = fs.existsSync(downPath) ? fs.readFileSync(downPath, 'utf8') : undefined;
      out[name] = {
        up: (db) => this.runScript(db, up),
        down: down ? (db) => this.runScript(db, down) : undefined,
      };
    }
    return out;
  }

  // PGlite's extended protocol takes one statement at a time; its exec() runs a script on the same
  // single session, so it joins the Migrator's open transaction. pg's simple protocol takes scripts as is.
  private async runScript(db: Kysely<any>, script: string) {
    if (this.opened.pglite) await this.opened.pglite.exec(script);
    else await sql.raw(script).execute(db);
  }
}

export function migrator(opened: OpenedDatabase) {
  // The schema is named: the Migrator looks for its tables across all schemas otherwise, and suites that share
  // one PostgreSQL database in separate schemas would see each other's.
  return new Migrator({ db: withOwnSchemaIntrospection(opened.db, opened.schema), provider: new SqlFileProvider(opened), migrationTableSchema: opened.schema, allowUnorderedMigrations: true });
}

/**
 * The Migrator finds its own tables through `db.introspection.getTables()`, whose catalog query reads every schema
 * and calls has_schema_privilege() by name: a schema dropped meanwhile by someone else (test suites sharing one
 * database do that) fails it with 3F000. The Migrator only needs our schema's table names, so it gets an
 * introspector that reads just those.
 */
function withOwnSchemaIntrospection(db: Kysely<any>, schema: string): Kysely<any> {
  const introspection: DatabaseIntrospector = {
    getSchemas: () => db.introspection.getSchemas(),
    getMetadata: async (options) => ({ tables: await introspection.getTables(options) }),
    async getTables() {
      const { rows } = await sql<{ name: string; isView: boolean }>`
        select c.relname as name, c.relkind = 'v' as is_view
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')`.execute(db);
      return rows.map((r) => ({ name: r.name, schema, isView: r.isView, columns: [] }));
    },
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** True when every migration file is recorded as run: a restart then skips the Migrator (its lock, lock table and
 * catalog reads cost about half a second on PGlite). Anything pending goes through the Migrator and its lock. */
async function nothingPending(opened: OpenedDatabase): Promise<boolean> {
  const files = fs.readdirSync(MIGRATIONS_DIR).flatMap((f) => /^(\d{4}_[a-z0-9_]+)\.up\.sql$/.exec(f)?.[1] ?? []);
  const { rows: exists } = await sql<{ t: string | null }>`select to_regclass(quote_ident(${opened.schema}) || '.kysely_migration')::text as t`.execute(opened.db);
  if (!exists[0]?.t) return false;
  const { rows } = await sql<{ name: string }>`select name from ${sql.id(opened.schema, 'kysely_migration')}`.execute(opened.db);
  const done = new Set(rows.map((r) => r.name));
  return files.every((f) => done.has(f));
}

export async function migrateToLatest(opened: OpenedDatabase): Promise<string[]> {
  if (await nothingPending(opened)) return [];
  const { error, results } = await migrator(opened).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
