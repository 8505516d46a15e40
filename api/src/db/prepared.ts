// Named prepared statements for the short reads a server repeats (the session check, a list page, a ticket page):
// under row-level security PostgreSQL spends more time planning such a statement than running it (the ticket page's
// read: 0.6 ms planned each time, 0.09 ms from a prepared statement); PostgreSQL's CPU per request fell 40–65 % in the
// lists bench. A statement is named by a hash of its text, so the same text is parsed once per connection and every
// later request binds and executes it; PostgreSQL decides between a generic plan and one per parameter set
// (plan_cache_mode auto) and re-plans after a schema or search_path change.
//
// A generic plan can be much worse than a custom one for some parameters (a date range, a large street), so only
// statements seen to be short are prepared, and one that turns slow prepared is never prepared again:
//   - a text runs unnamed until it has run FAST_RUNS times in under FAST_MS (reports and rankings never do);
//   - a prepared run over SLOW_MS retires the text in this process: it runs unnamed, with custom plans, for RETIRE_MS,
//     then has to show FAST_RUNS short runs again before it is prepared again; each retirement lasts twice as long
//     as the one before, up to RETIRE_MAX_MS. A one-off stall (a checkpoint, a lock wait) thus costs a hot read its
//     plan for a minute, not for the life of the process (the ticket page planned each time costs PostgreSQL about
//     four times its prepared run), and a generic plan that is slow for some parameters is retried ever more rarely.
// Only `select` statements are prepared (writes stay one-off), each connection holds at most MAX_PER_CONNECTION of
// them (the rest run unnamed), and REXIAN_DB_PREPARED=0 turns it off (e.g. behind a transaction-pooling proxy such as
// PgBouncer, where a connection's prepared statements are not the next statement's).
import crypto from 'node:crypto';
import type pg from 'pg';

/** Prepared statements kept per connection: a server's distinct reads number in the dozens. */
export const MAX_PER_CONNECTION = 200;
/** Longer texts (built lists of literals, scripts) are unlikely to repeat: not worth a slot. */
const MAX_TEXT_LENGTH = 32_768;
/** Texts known (bounded: forgotten wholesale when full). */
const NAMES_CACHED = 5_000;

/** Unnamed runs under FAST_MS before a text is prepared. */
export const FAST_RUNS = 2;
export const FAST_MS = 10;
/** A prepared run slower than this retires its text. */
export const SLOW_MS = 100;
/** How long a first retirement lasts; each later one of the same text twice the one before, up to RETIRE_MAX_MS. */
export const RETIRE_MS = 60_000;
export const RETIRE_MAX_MS = 3_600_000;
/** The clock retirements are measured by (tests move it). */
export const preparedClock = { now: () => Date.now() };

const enabled = () => process.env.REXIAN_DB_PREPARED !== '0';

/** What this process knows of a text: its name, its short unnamed runs so far, and until when it is retired. */
interface Text {
  name: string;
  fastRuns: number;
  retiredUntil: number;
  retirements: number;
}
const isRetired = (t: Text) => t.retiredUntil > preparedClock.now();

function retire(t: Text) {
  t.retirements++;
  t.retiredUntil = preparedClock.now() + Math.min(RETIRE_MS * 2 ** (t.retirements - 1), RETIRE_MAX_MS);
  t.fastRuns = 0; // afterwards, short unnamed runs again before it is prepared again
}
const texts = new Map<string, Text>();

interface ConnectionState {
  prepared: Set<string>;
  /** Names PostgreSQL refused to run from their cached plan (a table changed shape): they run unnamed from now on. */
  stale: Set<string>;
}
const connections = new WeakMap<pg.ClientBase, ConnectionState>();

function known(text: string): Text {
  let t = texts.get(text);
  if (t === undefined) {
    if (texts.size >= NAMES_CACHED) texts.clear();
    t = { name: `rx_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 24)}`, fastRuns: 0, retiredUntil: 0, retirements: 0 };
    texts.set(text, t);
  }
  return t;
}

/** Where a text stands (tests). */
export function preparedState(text: string): 'unnamed' | 'warming' | 'prepared' | 'retired' {
  const t = texts.get(text);
  if (!t) return 'unnamed';
  return isRetired(t) ? 'retired' : t.fastRuns >= FAST_RUNS ? 'prepared' : 'warming';
}

/** The name to run this statement under on this connection, or undefined: run it unnamed. */
function preparedName(client: pg.ClientBase, text: string): string | undefined {
  if (!enabled() || text.length > MAX_TEXT_LENGTH || !/^select\s/.test(text)) return undefined;
  const t = known(text);
  if (t.fastRuns < FAST_RUNS || isRetired(t)) return undefined;
  let state = connections.get(client);
  if (!state) connections.set(client, (state = { prepared: new Set(), stale: new Set() }));
  if (state.stale.has(t.name)) return undefined;
  if (!state.prepared.has(t.name)) {
    if (state.prepared.size >= MAX_PER_CONNECTION) return undefined;
    state.prepared.add(t.name);
  }
  return t.name;
}

/**
 * After a schema change, PostgreSQL refuses a prepared statement whose result columns changed ("cached plan must
 * not change result type", 0A000) — and `pg` would keep sending the same name. The statement did not run: the name
 * is retired on this connection and the caller runs it once more, unnamed. True when that is the case.
 */
function retireIfStale(client: pg.ClientBase, name: string, error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e?.code !== '0A000' || !/cached plan/i.test(e.message ?? '')) return false;
  connections.get(client)?.stale.add(name);
  return true;
}

/**
 * Runs `text` with `values` on `client`, prepared when worthwhile. `connection` is the pooled connection itself
 * (`client` may be a wrapper of it made per checkout): what was prepared belongs to the connection.
 */
export async function queryPrepared(client: pg.ClientBase, connection: pg.ClientBase, text: string, values: unknown[]): Promise<pg.QueryResult> {
  const name = preparedName(connection, text);
  const started = performance.now();
  if (name === undefined) {
    const result = await client.query(text, values);
    const t = texts.get(text);
    if (t && t.fastRuns < FAST_RUNS && !isRetired(t) && performance.now() - started < FAST_MS) t.fastRuns++;
    return result;
  }
  let result: pg.QueryResult;
  try {
    result = await client.query({ name, text, values });
  } catch (e) {
    if (!retireIfStale(connection, name, e)) throw e;
    try {
      return await client.query(text, values);
    } catch (again) {
      // Inside a transaction the refusal aborted it: the first error says what happened.
      throw (again as { code?: string }).code === '25P02' ? e : again;
    }
  }
  if (performance.now() - started > SLOW_MS) {
    const t = texts.get(text);
    if (t) retire(t); // a generic plan gone wrong, a heavy read after all, or a stall: custom plans for a while
  }
  return result;
}
