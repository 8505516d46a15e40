// Sessions and API tokens checked recently, so a request need not send the session statement (README "Security").
// An entry is trusted for at most `ttlMs` after it was read, and only while this process listens for the database's
// announcements of changes to accounts, sessions, tokens and units (migration 0030, live/feed.ts): any such change
// anywhere clears every entry; a lost listener clears them and stops the cache until it listens again. A mutation
// of this process clears them as it completes (context.ts), before its answer is sent.
import type { Principal } from '../repos/auth';
import { millisecondsFromEnv } from '../config';

export const DEFAULT_SESSION_CACHE_MS = 5_000;
export const SESSION_CACHE_MAX_ENTRIES = 10_000;

/** REXIAN_SESSION_CACHE_MS: how long a checked session or token is trusted without the database; 0 turns it off. */
export function sessionCacheMs(env: NodeJS.ProcessEnv = process.env): number {
  return millisecondsFromEnv('REXIAN_SESSION_CACHE_MS', DEFAULT_SESSION_CACHE_MS, env);
}

/** What the checks of a session (or token) need to be redone without its row. */
export interface CachedCredential {
  principal: Principal;
  /** Absolute expiry; null: never (tokens without one). */
  expiresAt: Date | null;
  /** The row's last-seen (session) or last-used (token) time as it is now in the database. */
  lastSeenAt: Date | null;
}

type Kind = 'session' | 'token';

/** Taken as a read of the database begins: what the cache was then, and when. */
export type ReadTicket = { generation: number; at: number } | null;

interface Entry extends CachedCredential {
  /** performance.now() as the row's read began: the real clock, not the request's (tests move that one). */
  readAt: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every clear: a read that began before a clear may have seen the old rows and is not stored. */
  private generation = 0;
  private listening = false;

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = SESSION_CACHE_MAX_ENTRIES,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Entries are used and stored only now: the listener hears changes and the cache is on. */
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

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  /** A fresh entry for this hash, or undefined. The caller still applies the credential's own expiry rules. */
  get(kind: Kind, hash: string): CachedCredential | undefined {
    if (!this.active) return undefined;
    const key = keyOf(kind, hash);
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.clock() - e.readAt > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** Taken before reading the row; pass it to `set`. Null: nothing read now will be stored. */
  begin(): ReadTicket {
    return this.active ? { generation: this.generation, at: this.clock() } : null;
  }

  /** Stores what a read begun with `ticket` found, unless the cache was cleared (or stopped) meanwhile. */
  set(kind: Kind, hash: string, ticket: ReadTicket, value: CachedCredential): void {
    if (ticket === null || ticket.generation !== this.generation || !this.active) return;
    const key = keyOf(kind, hash);
    this.entries.delete(key); // re-inserted last: the map holds entries in the order they were stored
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { ...value, readAt: ticket.at });
  }
}

// A cookie holding a token's secret is not that token's session: the kinds never share an entry.
const keyOf = (kind: Kind, hash: string) => (kind === 'session' ? 's' : 't') + hash;
