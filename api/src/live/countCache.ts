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

export const DEFAULT_COUNT_CACHE_MS = 5_000;
const MAX_ENTRIES = 5_000;
export const COUNTED_TABLES: ReadonlySet<string> = new Set(['ticket', 'warning']);

/** REXIAN_COUNT_CACHE_MS: how long a count is reused at most; 0 turns the cache off. */
export function countCacheMs(env: NodeJS.ProcessEnv = process.env): number {
  return millisecondsFromEnv('REXIAN_COUNT_CACHE_MS', DEFAULT_COUNT_CACHE_MS, env);
}

export type CountTicket = { generation: number; at: number } | null;

export class CountCache {
  private readonly entries = new Map<string, { count: number; table: string; readAt: number }>();
  /** Per table, bumped by each clear: a count begun before a clear may have seen the old rows and is not kept. */
  private readonly generations = new Map<string, number>();
  private listening = false;

  constructor(
    readonly ttlMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get active(): boolean {
    return this.listening && this.ttlMs > 0;
  }

  setListening(on: boolean): void {
    this.clear();
    this.listening = on;
  }

  /** Forgets the counts of `table`, or every count. */
  clear(table?: string): void {
    for (const t of table ? [table] : COUNTED_TABLES) this.generations.set(t, (this.generations.get(t) ?? 0) + 1);
    if (!table) return this.entries.clear();
    for (const [k, e] of this.entries) if (e.table === table) this.entries.delete(k);
  }

  get(key: string): number | undefined {
    if (!this.active) return undefined;
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.clock() - e.readAt > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.count;
  }

  /** Taken before counting; pass it to `set`. Null: nothing counted now will be kept. */
  begin(table: string): CountTicket {
    return this.active ? { generation: this.generations.get(table) ?? 0, at: this.clock() } : null;
  }

  set(key: string, table: string, ticket: CountTicket, count: number): void {
    if (ticket === null || !this.active || ticket.generation !== (this.generations.get(table) ?? 0)) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { count, table, readAt: ticket.at });
  }
}

/** True when a compiled count reads `table` alone (every `from`/`join` names it). */
export function readsOnly(sqlText: string, table: string): boolean {
  const names = [...sqlText.matchAll(/\b(?:from|join)\s+"([^"]+)"/gi)].map((m) => m[1]);
  return names.length > 0 && names.every((n) => n === table) && !/\b(?:from|join)\s+(?!")/i.test(sqlText.replace(/\b(?:from|join)\s+"[^"]+"/gi, ''));
}
