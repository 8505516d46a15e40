// Committed changes of tickets and warnings, as this process hears them from the database (migration 0022): one
// LISTEN per process — a dedicated connection on PostgreSQL, PGlite's in-process listen — fanned out to every
// subscriber of this process through yoga's pub/sub. Every API process behind a load balancer hears every change,
// whoever made it, so no message server is needed.
import pg from 'pg';
import { createPubSub } from 'graphql-yoga';
import type { OpenedDatabase } from '../db/connection';

export const CHANNEL = 'rexian_changes';

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
export function startLiveFeed(opened: OpenedDatabase, opts: { databaseUrl?: string; log?: (m: string) => void } = {}): LiveFeed {
  const pubsub = createPubSub<{ change: [Change] }>();
  const publish = (payload: string) => {
    const change = parseChange(payload, opened.schema);
    if (change) pubsub.publish('change', change);
  };
  const log = opts.log ?? ((m: string) => console.warn(m));
  let close: () => Promise<void> = async () => {};
  let ready: Promise<void>;

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
      c.on('notification', (m) => m.channel === CHANNEL && m.payload && publish(m.payload));
      const lost = (e?: Error) => {
        if (closed || client !== c) return;
        client = null;
        log(`[live] listener connection lost${e ? `: ${e.message}` : ''}; reconnecting`);
        c.end().catch(() => {});
        schedule();
      };
      c.on('error', lost);
      c.on('end', () => lost());
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
      if (closed) return void (await c.end());
      client = c;
      if (again) for (const t of ['ticket', 'warning'] as const) pubsub.publish('change', EVERYTHING(t));
    };
    const schedule = () => {
      timer = setTimeout(() => connect(true).catch((e: Error) => (log(`[live] listener: ${e.message}`), schedule())), RECONNECT_MS);
      timer.unref();
    };
    ready = connect(false).catch((e: Error) => {
      log(`[live] listener: ${e.message}; retrying`);
      schedule();
    });
    close = async () => {
      closed = true;
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
    close: async () => {
      await ready.catch(() => {});
      await close();
    },
  };
}
