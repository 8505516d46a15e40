// One code path, two engines: PostgreSQL through `pg` when DATABASE_URL is set, otherwise an embedded PGlite.
import fs from 'node:fs';
import path from 'node:path';
import { CamelCasePlugin, CompiledQuery, Kysely, PostgresDialect, sql, type PostgresPool } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Database } from './types';
import { queryPrepared } from './prepared';
import { scoping } from './session-scope';

export type DB = Kysely<Database>;

export interface OpenedDatabase {
  /** The owner: migrations, seeding, backup/restore, the CLI, jobs and test fixtures. */
  db: DB;
  /**
   * Request handling. On PostgreSQL its connections SET ROLE to the application role (REXIAN_DB_APP_ROLE,
   * default rexian_app) when that role exists and the connecting user may become it, so grants and row-level
   * security apply to every request; otherwise (PGlite, role disabled or missing) it is the owner's `db`.
   */
  appDb: DB;
  /**
   * PostgreSQL with DATABASE_READ_URL only: the read pool (db/replica.ts) — a second pool on the replica whose
   * connections become the application role like `appDb`'s, with its own bounded queue. Lists, counts and rankings of
   * query operations read from it; everything else stays on `appDb`.
   */
  readDb?: DB;
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
  /** PostgreSQL only: how long a new connection to the server may take (a restarting server is waited for). */
  connectionTimeoutMs?: number;
  /**
   * PostgreSQL only: how long a request waits in line for one of the pool's connections when all are in use before it
   * fails with DATABASE_BUSY (default REXIAN_DB_QUEUE_TIMEOUT_MS, else 10 s).
   */
  queueTimeoutMs?: number;
  /** PostgreSQL only: the role `appDb` runs as; '' disables it. Default: REXIAN_DB_APP_ROLE, else rexian_app. */
  appRole?: string;
  /**
   * PostgreSQL only: a read replica (hot standby) for lists, counts and rankings (db/replica.ts). Default:
   * DATABASE_READ_URL; '' disables it. The embedded PGlite ignores it with a warning.
   */
  readUrl?: string;
  /** Every statement, with `'read'` as second argument for those on the read pool. */
  log?: (sql: string, pool?: 'read') => void;
  /** PostgreSQL only: called each time a pooled connection is handed out (tests count connections per request). */
  onCheckout?: () => void;
}

export async function openDatabase(opts: OpenOptions = {}): Promise<OpenedDatabase> {
  const plugins = [new CamelCasePlugin()];
  const log = opts.log ? (e: { level: string; query: { sql: string } }) => {
    if (e.level === 'query') opts.log!(e.query.sql);
  } : undefined;
  const readUrl = opts.readUrl ?? process.env.DATABASE_READ_URL ?? '';

  if (opts.databaseUrl) {
    const statementTimeout = opts.statementTimeoutMs ?? 30_000;
    const connectionTimeout = opts.connectionTimeoutMs ?? 5_000;
    const poolMax = opts.poolMax ?? 10;
    const queueTimeout = opts.queueTimeoutMs ?? (Number(process.env.REXIAN_DB_QUEUE_TIMEOUT_MS) || 10_000);
    const newPool = (url = opts.databaseUrl, applicationName?: string) => {
      const pool = new pg.Pool({
        connectionString: url,
        application_name: applicationName,
        max: poolMax,
        connectionTimeoutMillis: connectionTimeout,
        idleTimeoutMillis: 30_000,
        statement_timeout: statementTimeout,
        options: opts.searchPath ? `-c search_path=${opts.searchPath}` : undefined,
        types: pgTypes,
      });
      // A PostgreSQL restart must not take the process down: idle clients error out and are replaced.
      pool.on('error', (err) => console.error('[db] idle client error:', err.message));
      // A connection lost mid-query errors on the client itself; unheard, that error would end the process.
      pool.on('connect', (client) => client.on('error', (err) => console.error('[db] connection error:', err.message)));
      return pool;
    };
    // Statements are logged as they go to the server (db/session-scope.ts), not as Kysely runs them: a scope statement
    // the session already carries is not sent, a clearing one is.
    const sent = opts.log ? (text: string) => opts.log!(text) : undefined;
    const ownerPool = retrying(newPool(), connectionTimeout, new ConnectionQueue(poolMax, queueTimeout), undefined, opts.onCheckout, sent);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: ownerPool }), plugins });

    // Decided on the first request (after migrations have created the role), once; a failed check is retried.
    const wanted = opts.appRole ?? process.env.REXIAN_DB_APP_ROLE ?? 'rexian_app';
    let decision: Promise<AppRole | null> | undefined;
    const decide = () =>
      (decision ??= wanted ? usableRole(db, wanted).catch((e) => { decision = undefined; throw e; }) : Promise.resolve(null));
    const appDb = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: async () => {
          const role = await decide();
          if (!role) return { connect: () => ownerPool.connect(), end: async () => {} }; // the owner's pool, closed by db
          // SET ROLE keeps the session's search_path (the configured schema); set_config quotes the name for us.
          const becomeRole = role.setRole ? (c: pg.PoolClient) => c.query('select set_config($1, $2, false)', ['role', role.name]) : undefined;
          return retrying(newPool(), connectionTimeout, new ConnectionQueue(poolMax, queueTimeout), becomeRole, opts.onCheckout, sent);
        },
      }),
      plugins,
    });
    appRoles.set(appDb, async () => (await decide())?.name ?? null);
    pooled.add(db);
    pooled.add(appDb);
    const readDb = readUrl ? openReadPool() : undefined;
    return {
      db,
      appDb,
      readDb,
      kind: 'postgres',
      schema: opts.searchPath ?? 'public',
      close: async () => {
        await readDb?.destroy();
        await appDb.destroy();
        await db.destroy();
      },
    };

    /**
     * The read replica's pool: the same schema, timeouts and pool size as `appDb`, its own bounded queue, and
     * application_name `rexian-read` (pg_stat_activity tells the two apart). Whether its sessions become the
     * application role is decided on the replica itself (the replica's user may differ from the primary's).
     */
    function openReadPool(): DB {
      let roleDecision: Promise<AppRole | null> | undefined;
      const decideOn = (c: pg.PoolClient) =>
        (roleDecision ??= (wanted ? usableRoleOn((text, values) => c.query(text, values), wanted) : Promise.resolve(null)).catch((e) => {
          roleDecision = undefined;
          throw e;
        }));
      const becomeRole = async (c: pg.PoolClient) => {
        const role = await decideOn(c);
        if (role?.setRole) await c.query('select set_config($1, $2, false)', ['role', role.name]);
      };
      const pool = retrying(newPool(readUrl, 'rexian-read'), connectionTimeout, new ConnectionQueue(poolMax, queueTimeout), becomeRole, opts.onCheckout, opts.log ? (text) => opts.log!(text, 'read') : undefined);
      const readDb = new Kysely<Database>({
        dialect: new PostgresDialect({
          pool: {
            // A replica that is down says so: the code (ECONNREFUSED, 08xxx…) still makes it DATABASE_UNAVAILABLE.
            connect: async () => {
              try {
                return await pool.connect();
              } catch (e) {
                if (e instanceof Error && !(e instanceof DatabaseBusyError)) e.message = `read replica (DATABASE_READ_URL): ${e.message}`;
                throw e;
              }
            },
            end: () => pool.end(),
          },
        }),
        plugins,
      });
      appRoles.set(readDb, async () => {
        if (!roleDecision) await sql`select 1`.execute(readDb); // the first connection decides
        return (await roleDecision)?.name ?? null;
      });
      pooled.add(readDb);
      replicas.set(appDb, readDb);
      return readDb;
    }
  }

  if (readUrl) {
    console.warn('[db] 已设置 DATABASE_READ_URL，但内嵌 PGlite 不支持只读副本，已忽略（DATABASE_READ_URL is ignored by the embedded PGlite: it needs DATABASE_URL）');
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
    appDb: db, // one embedded user, the owner: row-level security does not apply (README "Security")
    kind: 'pglite',
    schema: 'public',
    pglite,
    close: async () => {
      await db.destroy();
      release();
    },
  };
}

interface AppRole {
  name: string;
  /** False when the connecting user already is the role. */
  setRole: boolean;
}

const appRoles = new WeakMap<DB, () => Promise<string | null>>();

/** A request pool (`appDb`) → its read replica's pool. */
const replicas = new WeakMap<DB, DB>();
/** The read pool of a request database (or of a request's pinned connection), if DATABASE_READ_URL configured one. */
export function readPoolOf(db: DB): DB | undefined {
  return replicas.get(poolOf(db) as DB);
}

/** Databases backed by a pool of PostgreSQL connections (not PGlite's one, not a pinned connection). */
const pooled = new WeakSet<DB>();
export const isPooled = (db: DB): boolean => pooled.has(db);

/** A request's pinned connection → the pool it came from (caches keyed by database use the pool). */
const pinnedFrom = new WeakMap<DB, DB>();
export function registerPinned(pinned: DB, pool: DB): void {
  pinnedFrom.set(pinned, pool);
}
/** A request's own connection, taken from a pool for its whole execution. */
export const isPinned = (db: DB): boolean => pinnedFrom.has(db);
/** The pool behind a pinned connection, or the database itself: one cache key per database, not per request. */
export function poolOf(db: object): object {
  return pinnedFrom.get(db as DB) ?? db;
}

/**
 * Runs `work` with `ctx.db` one connection of its pool, so a request's statements go one after another over that
 * connection instead of fanning out over the pool (a page's loaders would take up to eight connections at once):
 * under load every request holds at most one connection and waits its turn in the queue for it.
 */
export async function onOneConnection<T>(holder: { db: DB }, work: () => Promise<T>, onSwap?: () => void): Promise<T> {
  const pool = holder.db;
  if (!pooled.has(pool)) return work();
  return pool.connection().execute(async (pinned) => {
    registerPinned(pinned, pool);
    holder.db = pinned;
    onSwap?.();
    try {
      return await work();
    } finally {
      holder.db = pool;
      onSwap?.();
    }
  });
}

/** Marks a statement list for the connection wrapper (leavingOnRelease): one round trip, several results. */
const TOGETHER = '/* rexian:together */';

/** A parameter as a quoted literal: untyped like a bound parameter, so PostgreSQL infers its type the same way. */
function literal(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return Number.isFinite(v) ? `'${v}'` : undefined;
  if (typeof v === 'bigint') return `'${v}'`;
  if (typeof v === 'boolean') return v ? `'true'` : `'false'`;
  if (typeof v === 'string') return v.includes('\0') ? undefined : pg.escapeLiteral(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : `'${v.toISOString()}'`;
  return undefined;
}

const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * Runs compiled statements (DataLoader batches of one level: a page's street, unit, events and callbacks, and the
 * personal-data log of what that level shows) in ONE round trip when `db` is a request's pinned PostgreSQL
 * connection: their parameters, numbers, strings and times only, become quoted literals and the statements go as
 * one simple-protocol query, which PostgreSQL runs as one implicit transaction (the log and the reads stand or
 * fall together). Anywhere else, or with any other parameter, they run one by one. Rows come back camel-cased
 * like Kysely's own.
 */
export async function runTogether(db: DB, queries: readonly CompiledQuery[]): Promise<Record<string, unknown>[][]> {
  const inline = pinnedFrom.has(db) && queries.length > 1 ? queries.map(inlined) : [];
  if (!inline.length || inline.some((q) => q === undefined)) {
    const out: Record<string, unknown>[][] = [];
    for (const q of queries) out.push((await db.executeQuery<Record<string, unknown>>(q)).rows);
    return out;
  }
  const { rows } = await db.executeQuery<{ parts: Record<string, unknown>[][] }>(CompiledQuery.raw(`${TOGETHER}\n${inline.join(';\n')}`, []));
  return rows[0]!.parts.map((part) => part.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v]))));
}

function inlined(q: CompiledQuery): string | undefined {
  const values = q.parameters.map(literal);
  if (values.some((v) => v === undefined) || q.sql.includes(TOGETHER) || /'|\$\$/.test(q.sql)) return undefined; // only builder-made SQL
  return q.sql.replace(/\$(\d+)/g, (_m, n: string) => values[Number(n) - 1] ?? '$' + n);
}

/** Thrown when no pooled connection became free within the queue timeout (security/dbErrors.ts: DATABASE_BUSY). */
export class DatabaseBusyError extends Error {
  readonly code = 'REXIAN_DB_BUSY';
  constructor(readonly waitedMs: number) {
    super(`no database connection became free within ${waitedMs} ms`);
  }
}

/**
 * The line in front of a pool: at most `size` connections out at once, the rest wait first come first served for up
 * to `waitMs`, then fail with DatabaseBusyError. pg-pool's own connectionTimeoutMillis then only bounds connecting
 * to the server (a server that is down stays DATABASE_UNAVAILABLE), never the wait for a busy pool.
 */
export class ConnectionQueue {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  constructor(size: number, private readonly waitMs: number) {
    this.free = size;
  }
  /** Resolves with the function that gives the place back (idempotent). */
  enter(): Promise<() => void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(this.leaver());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(this.leaver());
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new DatabaseBusyError(this.waitMs));
      }, this.waitMs);
      this.waiting.push(grant);
    });
  }
  get queued(): number {
    return this.waiting.length;
  }
  private leaver(): () => void {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.waiting.shift();
      if (next) next(); // the place passes straight to the next in line
      else this.free++;
    };
  }
}

/** The role requests on this database run as (null: the owner), i.e. whether grants and row-level security bind them. */
export function appRoleOf(db: DB): Promise<string | null> {
  return appRoles.get(db)?.() ?? Promise.resolve(null);
}

async function usableRole(db: DB, name: string): Promise<AppRole | null> {
  return usableRoleOn(async (text, values) => (await db.executeQuery(CompiledQuery.raw(text, values))) as { rows: unknown[] }, name);
}

async function usableRoleOn(query: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>, name: string): Promise<AppRole | null> {
  const { rows } = (await query(
    `select pg_has_role(current_user, r.oid, 'MEMBER') as member, r.rolname = current_user as same from pg_roles r where r.rolname = $1`,
    [name],
  )) as { rows: Array<{ member: boolean; same: boolean }> };
  const r = rows[0];
  if (!r?.member) {
    console.warn(`[db] 未使用应用角色 ${name}：${r ? '当前数据库用户无权切换到该角色' : '该角色不存在'}，请求以数据库所有者身份执行（row-level security not applied）`);
    return null;
  }
  return { name, setRole: !r.same };
}

/** Errors of a server that is down, starting or stopping: worth waiting for (a restart takes about a second). */
const TRANSIENT_CONNECT = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOENT', '57P03', '57P01', '08006', '08001']);
function transientConnectError(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return TRANSIENT_CONNECT.has(err?.code ?? '') || /Connection terminated unexpectedly/i.test(err?.message ?? '');
}

/**
 * A new connection that fails because PostgreSQL is restarting is retried until the connection timeout, so
 * requests arriving during a restart wait for it instead of failing; only those in flight at the moment it went
 * down fail. Waiting for a busy pool is the ConnectionQueue's job (bounded, then DATABASE_BUSY).
 */
function retrying(
  pool: pg.Pool,
  timeoutMs: number,
  queue: ConnectionQueue,
  onNewClient?: (c: pg.PoolClient) => Promise<unknown>,
  onCheckout?: () => void,
  onStatement?: (text: string) => void,
): PostgresPool {
  const ready = new WeakSet<pg.PoolClient>();
  const connect = async () => {
    const deadline = Date.now() + timeoutMs;
    for (let wait = 25; ; wait = Math.min(wait * 2, 200)) {
      try {
        return await pool.connect();
      } catch (e) {
        if (!transientConnectError(e) || Date.now() + wait >= deadline) throw e;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  };
  const checkout = async () => {
    const client = await connect();
    if (onNewClient && !ready.has(client)) {
      try {
        await onNewClient(client);
      } catch (e) {
        client.release(true); // never hand out a session that did not become the role
        throw e;
      }
      ready.add(client);
    }
    return client;
  };
  const used = new WeakSet<pg.PoolClient>();
  return {
    async connect() {
      const leave = await queue.enter();
      try {
        const client = await checkout();
        const reused = used.has(client);
        used.add(client);
        onCheckout?.();
        // Every statement passes through `scoping` (db/session-scope.ts): the session's row scope is the checkout's.
        return leavingOnRelease(reused ? retryFirstStatement(client, checkout, used, onStatement) : scoping(client, onStatement), leave, client);
      } catch (e) {
        leave();
        throw e;
      }
    },
    end: () => pool.end(),
  };
}

/**
 * The connection's place in the queue is given back when Kysely releases it; statements marked by runTogether go as
 * one simple query and come back as one row holding every statement's rows; reads with parameters (all of Kysely's)
 * run as named prepared statements of `connection` (db/prepared.ts).
 */
function leavingOnRelease(client: pg.PoolClient, leave: () => void, connection: pg.PoolClient): pg.PoolClient {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'query') {
        return (text: unknown, ...rest: unknown[]) => {
          if (typeof text === 'string' && Array.isArray(rest[0]) && rest.length === 1 && !text.startsWith(TOGETHER)) {
            return queryPrepared(target, connection, text, rest[0]);
          }
          if (typeof text !== 'string' || !text.startsWith(TOGETHER)) return (target.query as (...a: unknown[]) => unknown)(text, ...rest);
          return (target.query(text) as unknown as Promise<pg.QueryResult | pg.QueryResult[]>).then((r) => {
            const parts = (Array.isArray(r) ? r : [r]).map((x) => x.rows);
            return { command: 'SELECT', rowCount: 1, rows: [{ parts }] };
          });
        };
      }
      if (prop === 'release') {
        return (...args: unknown[]) => {
          try {
            return (target.release as (...a: unknown[]) => void)(...args);
          } finally {
            leave();
          }
        };
      }
      const value = (target as unknown as Record<PropertyKey, unknown>)[prop];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The server told this session it is shutting down: the statement was not (and will not be) executed. */
const SHUTDOWN_CODES = new Set(['57P01', '57P02', '57P03']);
const READ_OR_BEGIN = /^\s*(\/\*[^*]*\*\/\s*)?(select\b|begin\b|start transaction\b)/i; // a scope statement is a marked select

/**
 * A pooled connection can be killed while idle (a restart) just before it is handed out; its error may reach us only
 * with our next statement. The first statement on such a reused connection is retried once on a fresh connection when
 * it certainly did not run: the server said it was terminating us, or the connection was already gone and the
 * statement only reads (or begins a transaction). Later statements are never retried: they may belong to work that
 * cannot be replayed.
 */
function retryFirstStatement(
  first: pg.PoolClient,
  fresh: () => Promise<pg.PoolClient>,
  used: WeakSet<pg.PoolClient>,
  onStatement?: (text: string) => void,
): pg.PoolClient {
  let client = scoping(first, onStatement);
  let firstStatement = true;
  const query = async (...args: unknown[]) => {
    const run = () => (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
    const submittable = typeof (args[0] as { submit?: unknown })?.submit === 'function'; // cursors: not promises
    if (!firstStatement || submittable) return run();
    firstStatement = false;
    try {
      return await run();
    } catch (e) {
      const err = e as { code?: string; message?: string };
      const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: unknown })?.text as string | undefined) ?? '';
      const gone = /Connection terminated|ECONNRESET|EPIPE|not queryable/i.test(err?.message ?? '') || err?.code === 'ECONNRESET' || err?.code === 'EPIPE';
      if (!SHUTDOWN_CODES.has(err?.code ?? '') && !(gone && READ_OR_BEGIN.test(text))) throw e;
      client.release(true);
      const next = await fresh();
      used.add(next);
      client = scoping(next, onStatement);
      return run();
    }
  };
  // Kysely's driver only calls query() and release(); everything else reaches the current connection.
  return new Proxy(first, {
    get(_target, prop) {
      if (prop === 'query') return query;
      const value = (client as unknown as Record<PropertyKey, unknown>)[prop];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(client) : value;
    },
  });
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
