// One code path, two engines: PostgreSQL through `pg` when DATABASE_URL is set, otherwise an embedded PGlite.
import fs from 'node:fs';
import path from 'node:path';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Database } from './types';

export type DB = Kysely<Database>;

export interface OpenedDatabase {
  db: DB;
  kind: 'postgres' | 'pglite';
  /** The schema our tables live in (tests give each suite its own). */
  schema: string;
  /** Present for the embedded engine: migrations run multi-statement scripts through it. */
  pglite?: PGlite;
  close(): Promise<void>;
}

// Same JS types from both engines: int8/numeric as numbers, dates as 'YYYY-MM-DD' strings.
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const toNumber = (v: string) => (v === null ? null : Number(v));
const asText = (v: string) => v;

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.int8 || oid === OID.numeric) return toNumber;
    if (oid === OID.date) return asText;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** PGlite only: an in-memory database, optionally a clone of a prepared data dir (tests). */
  memory?: boolean;
  loadDataDir?: Blob | File;
  /** PostgreSQL only: the schema to use (tests isolate suites this way). */
  searchPath?: string;
  poolMax?: number;
  statementTimeoutMs?: number;
  connectionTimeoutMs?: number;
  log?: (sql: string) => void;
}

export async function openDatabase(opts: OpenOptions = {}): Promise<OpenedDatabase> {
  const plugins = [new CamelCasePlugin()];
  const log = opts.log ? (e: { level: string; query: { sql: string } }) => {
    if (e.level === 'query') opts.log!(e.query.sql);
  } : undefined;

  if (opts.databaseUrl) {
    const statementTimeout = opts.statementTimeoutMs ?? 30_000;
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolMax ?? 10,
      connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: statementTimeout,
      options: opts.searchPath ? `-c search_path=${opts.searchPath}` : undefined,
      types: pgTypes,
    });
    // A PostgreSQL restart must not take the process down: idle clients error out and are replaced.
    pool.on('error', (err) => console.error('[db] idle client error:', err.message));
    // A connection lost mid-query errors on the client itself; unheard, that error would end the process.
    pool.on('connect', (client) => client.on('error', (err) => console.error('[db] connection error:', err.message)));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins, log });
    return { db, kind: 'postgres', schema: opts.searchPath ?? 'public', close: () => db.destroy() };
  }

  const parsers = { [OID.int8]: toNumber, [OID.numeric]: toNumber, [OID.date]: asText };
  let release = () => {};
  let pglite: PGlite;
  if (opts.memory || opts.loadDataDir) {
    pglite = await PGlite.create({ loadDataDir: opts.loadDataDir, parsers });
  } else {
    const dir = path.resolve(opts.dataDir ?? './data');
    fs.mkdirSync(dir, { recursive: true });
    release = acquireDataDirLock(dir);
    try {
      pglite = await PGlite.create(path.join(dir, 'pgdata'), { parsers });
    } catch (e) {
      release();
      throw e;
    }
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), plugins, log });
  return {
    db,
    kind: 'pglite',
    schema: 'public',
    pglite,
    close: async () => {
      await db.destroy();
      release();
    },
  };
}

/** Two processes on one PGlite folder silently lose writes, so the second one is refused. */
export function acquireDataDirLock(dir: string): () => void {
  const lockPath = path.join(dir, 'rexian.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try { fs.unlinkSync(lockPath); } catch { /* already gone */ }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `数据目录 ${dir} 正被另一个 Rexian 进程 (pid ${pid}) 使用。请先停止该进程，或设置不同的 REXIAN_DATA_DIR。` +
            ` (data directory is locked by process ${pid})`,
        );
      }
      fs.unlinkSync(lockPath); // stale lock from a process that died
    }
  }
  throw new Error(`cannot lock data directory ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
