// What the session cache (auth/sessionCache.ts) and the count cache (live/countCache.ts) share: values read from the
// database, trusted for at most `ttlMs` and only while this process listens for the database's change notifications
// (live/feed.ts). A notification or a mutation clears a group of entries; a read that began before such a clear may
// have seen the old rows, so its value is not kept (each group counts its clears). Losing the listener clears
// everything and stops the cache until it listens again.
export type ReadTicket = { epoch: number; generation: number; at: number } | null;

export class ListenedCache<V> {
  private readonly entries = new Map<string, { value: V; group: string; readAt: number }>();
  /** Clears of each group, and of everything (a read must have seen neither since it began). */
  private readonly generations = new Map<string, number>();
  private epoch = 0;
  private listening = false;

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries: number,
    /** performance.now(): the real clock, not a request's (tests move that one). */
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Entries are used and kept only now: the listener hears changes and the cache is on. */
  get active(): boolean {
    return this.listening && this.ttlMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The listener started (true) or lost its connection (false); either way what was heard before is suspect. */
  setListening(on: boolean): void {
    this.clear();
    this.listening = on;
  }

  /** Forgets the entries of `groups` (every entry when none is named). */
  clear(...groups: string[]): void {
    if (groups.length === 0) {
      this.epoch++;
      return this.entries.clear();
    }
    for (const g of groups) this.generations.set(g, (this.generations.get(g) ?? 0) + 1);
    for (const [k, e] of this.entries) if (groups.includes(e.group)) this.entries.delete(k);
  }

  /** A value read within the ttl, or undefined. */
  get(key: string): V | undefined {
    if (!this.active) return undefined;
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.clock() - e.readAt > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** Taken as the read of a `group` value begins; pass it to `set`. Null: nothing read now will be kept. */
  begin(group: string): ReadTicket {
    return this.active ? { epoch: this.epoch, generation: this.generations.get(group) ?? 0, at: this.clock() } : null;
  }

  /** Keeps what a read begun with `ticket` found, unless its group was cleared (or the cache stopped) meanwhile. */
  set(key: string, group: string, ticket: ReadTicket, value: V): void {
    if (ticket === null || !this.active || ticket.epoch !== this.epoch || ticket.generation !== (this.generations.get(group) ?? 0)) return;
    this.entries.delete(key); // re-inserted last: the map holds entries in the order they were read
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, group, readAt: ticket.at });
  }
}
