// Committed changes of tickets and warnings, as this process hears them from the database (migration 0022): one
// LISTEN per process — a dedicated connection on PostgreSQL, PGlite's in-process listen — fanned out to every
// subscriber of this process through yoga's pub/sub. Every API process behind a load balancer hears every change,
// whoever made it, so no message server is needed.
// The same connection hears changes to accounts, sessions, tokens and units (migration 0030) for the process's
// session cache (auth/sessionCache.ts); it and the count cache (live/countCache.ts) are used only while it listens.
import pg from 'pg';
import { createPubSub } from 'graphql-yoga';
import type { OpenedDatabase } from '../db/connection';
import { SessionCache, sessionCacheMs } from '../auth/sessionCache';
import { CountCache, countCacheMs } from './countCache';

export const CHANNEL = 'rexian_changes';
/** Payload: the schema whose user_session, app_user, api_token or unit rows changed (migration 0030). */
export const AUTH_CHANNEL = 'rexian_auth';

export interface Change {
  table: 'ticket' | 'warning';
  /** The rows changed; null: too many to list (or notifications may have been missed) — treat everything as changed. */
  ids: number[] | null;
  /** The streets and units the rows belonged to before or after; null: unknown (any). */
  streets: number[] | null;
  units: number[] | null;
}

export interface LiveFeed {
  /** Every change from now on, until the returned iterator is closed. */
  subscribe(): AsyncIterable<Change>;
  /** Resolves once the feed listens (changes committed before that are not announced). */
  ready: Promise<void>;
  /**
   * Sessions and tokens checked recently, trusted only while this feed listens (PostgreSQL with the cache on);
   * null: every request checks its session in the database (PGlite, REXIAN_SESSION_CACHE_MS=0, no listener).
   */
  sessions: SessionCache | null;
  /** Counts of tickets and warnings reused while nothing changed (live/countCache.ts); null: none kept. */
  counts: CountCache | null;
  close(): Promise<void>;
}

/** A notification's payload, or null when it is another schema's (test suites share a database) or malformed. */
export function parseChange(payload: string, schema: string): Change | null {
  try {
    const p = JSON.parse(payload) as { table?: string; schema?: string; ids?: number[] | null; streets?: number[]; units?: number[] };
    if (p.schema !== schema || (p.table !== 'ticket' && p.table !== 'warning')) return null;
    return { table: p.table, ids: p.ids ?? null, streets: p.streets ?? [], units: p.units ?? [] };
  } catch {
    return null;
  }
}

const EVERYTHING = (table: Change['table']): Change => ({ table, ids: null, streets: null, units: null });
const RECONNECT_MS = 1_000;

/**
 * Starts listening. PostgreSQL: a connection of its own (not from the pools: a LISTEN holds its connection for the
 * process's life), reopened after a loss; after a reconnect, subscribers are told "everything may have changed"
 * since notifications sent meanwhile are gone.
 */
export function startLiveFeed(
  opened: OpenedDatabase,
  opts: {
    databaseUrl?: string;
    log?: (m: string) => void;
    /** Default REXIAN_SESSION_CACHE_MS. */
    sessionCacheMs?: number;
    /** Default REXIAN_COUNT_CACHE_MS. */
    countCacheMs?: number;
    /** Wait before reopening a lost connection (tests lengthen it to act while it is down). */
    reconnectMs?: number;
  } = {},
): LiveFeed {
  const pubsub = createPubSub<{ change: [Change] }>();
  const publish = (payload: string) => {
    const change = parseChange(payload, opened.schema);
    if (!change) return;
    counts?.clear(change.table); // before anyone hears of it: a count read after this sees the change
    pubsub.publish('change', change);
  };
  const log = opts.log ?? ((m: string) => console.warn(m));
  let close: () => Promise<void> = async () => {};
  let ready: Promise<void>;
  // PGlite: one process whose statements cost little, so nothing is cached there.
  const ttl = opts.sessionCacheMs ?? sessionCacheMs();
  const sessions = !opened.pglite && opts.databaseUrl && ttl > 0 ? new SessionCache(ttl) : null;
  const countTtl = opts.countCacheMs ?? countCacheMs();
  const counts = !opened.pglite && opts.databaseUrl && countTtl > 0 ? new CountCache(countTtl) : null;
  /** Both caches trust what they hold only while this process hears every change. */
  const listening = (on: boolean) => {
    sessions?.setListening(on);
    counts?.setListening(on);
  };

  if (opened.pglite) {
    const pglite = opened.pglite;
    ready = pglite.listen(CHANNEL, publish).then((unlisten) => {
      close = unlisten;
    });
  } else if (opts.databaseUrl) {
    const url = opts.databaseUrl;
    let closed = false;
    let client: pg.Client | null = null;
    let timer: NodeJS.Timeout | undefined;
    const connect = async (again: boolean): Promise<void> => {
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      c.on('notification', (m) => {
        if (m.channel === CHANNEL && m.payload) publish(m.payload);
        else if (m.channel === AUTH_CHANNEL && m.payload === opened.schema) sessions?.clear();
      });
      const lost = (e?: Error) => {
        if (closed || client !== c) return;
        client = null;
        listening(false); // notifications from now until the next LISTEN are lost
        log(`[live] listener connection lost${e ? `: ${e.message}` : ''}; reconnecting`);
        c.end().catch(() => {});
        schedule();
      };
      c.on('error', lost);
      c.on('end', () => lost());
      await c.connect();
      await c.query(`listen ${CHANNEL}; listen ${AUTH_CHANNEL}`);
      if (closed) return void (await c.end());
      client = c;
      listening(true);
      if (again) for (const t of ['ticket', 'warning'] as const) pubsub.publish('change', EVERYTHING(t));
    };
    const schedule = () => {
      timer = setTimeout(() => connect(true).catch((e: Error) => (log(`[live] listener: ${e.message}`), schedule())), opts.reconnectMs ?? RECONNECT_MS);
      timer.unref();
    };
    ready = connect(false).catch((e: Error) => {
      log(`[live] listener: ${e.message}; retrying`);
      schedule();
    });
    close = async () => {
      closed = true;
      listening(false);
      clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    };
  } else {
    ready = Promise.resolve(); // PostgreSQL opened by the caller without its URL: no live updates (tests only)
  }

  return {
    subscribe: () => pubsub.subscribe('change'),
    ready,
    sessions,
    counts,
    close: async () => {
      await ready.catch(() => {});
      await close();
    },
  };
}
