// Counts of tickets and warnings (`_allTicketsMeta`, `_allWarningsMeta`) read in the last REXIAN_COUNT_CACHE_MS, so a
// clerk paging through a list, or several people on the same list, do not count the street's tickets again with
// every page: at 1M tickets the count is most of a street list's time (an exact count of 28k rows under row-level
// security, ~12 ms) and all of the district's (1M rows, ~1 s).
//
// A count is exact as of the last change: it is used only while this process listens for the database's change
// notifications (migration 0022's triggers on ticket and warning, live/feed.ts), and any change of that table, by
// anyone, clears every count of it; a mutation of this process clears every count before its answer is sent
// (context.ts), a lost listener clears them and stops the cache until it listens again. Only a count whose statement
// reads nothing but its own table is kept (a filter reaching into units or events is counted each time), keyed by the
// statement's text and parameters and the caller's row scope.
import { millisecondsFromEnv } from '../config';
import { ListenedCache, type ReadTicket } from './listenedCache';

export const DEFAULT_COUNT_CACHE_MS = 5_000;
const MAX_ENTRIES = 5_000;
export const COUNTED_TABLES: ReadonlySet<string> = new Set(['ticket', 'warning']);

/** REXIAN_COUNT_CACHE_MS: how long a count is reused at most; 0 turns the cache off. */
export function countCacheMs(env: NodeJS.ProcessEnv = process.env): number {
  return millisecondsFromEnv('REXIAN_COUNT_CACHE_MS', DEFAULT_COUNT_CACHE_MS, env);
}

/** Counts grouped by table: a change of a table clears its counts. */
export class CountCache {
  private readonly cache: ListenedCache<number>;

  constructor(ttlMs: number, clock?: () => number) {
    this.cache = new ListenedCache(ttlMs, MAX_ENTRIES, clock);
  }

  get active(): boolean {
    return this.cache.active;
  }

  setListening(on: boolean): void {
    this.cache.setListening(on);
  }

  /** Forgets the counts of `table`, or every count. */
  clear(table?: string): void {
    if (table) this.cache.clear(table);
    else this.cache.clear();
  }

  get(key: string): number | undefined {
    return this.cache.get(key);
  }

  /** Taken before counting; pass it to `set`. Null: nothing counted now will be kept. */
  begin(table: string): ReadTicket {
    return this.cache.begin(table);
  }

  set(key: string, table: string, ticket: ReadTicket, count: number): void {
    this.cache.set(key, table, ticket, count);
  }
}

/** True when a compiled count reads `table` alone (every `from`/`join` names it). */
export function readsOnly(sqlText: string, table: string): boolean {
  const names = [...sqlText.matchAll(/\b(?:from|join)\s+"([^"]+)"/gi)].map((m) => m[1]);
  return names.length > 0 && names.every((n) => n === table) && !/\b(?:from|join)\s+(?!")/i.test(sqlText.replace(/\b(?:from|join)\s+"[^"]+"/gi, ''));
}
