// Sessions and API tokens checked recently, so a request need not send the session statement (README "Security").
// An entry is trusted for at most `ttlMs` after it was read, and only while this process listens for the database's
// announcements of changes to accounts, sessions, tokens and units (migration 0030, live/feed.ts): any such change
// anywhere clears every entry; a lost listener clears them and stops the cache until it listens again. A mutation
// of this process clears them as it completes (context.ts), before its answer is sent.
import type { Principal } from '../repos/auth';
import { millisecondsFromEnv } from '../config';
import { ListenedCache, type ReadTicket } from '../live/listenedCache';

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

/** Sessions and tokens, one group: any change to accounts, sessions, tokens or units clears them all. */
export class SessionCache {
  private readonly cache: ListenedCache<CachedCredential>;

  constructor(ttlMs: number, maxEntries = SESSION_CACHE_MAX_ENTRIES, clock?: () => number) {
    this.cache = new ListenedCache(ttlMs, maxEntries, clock);
  }

  get ttlMs(): number {
    return this.cache.ttlMs;
  }

  /** Entries are used and stored only now: the listener hears changes and the cache is on. */
  get active(): boolean {
    return this.cache.active;
  }

  get size(): number {
    return this.cache.size;
  }

  setListening(on: boolean): void {
    this.cache.setListening(on);
  }

  clear(): void {
    this.cache.clear();
  }

  /** A fresh entry for this hash, or undefined. The caller still applies the credential's own expiry rules. */
  get(kind: Kind, hash: string): CachedCredential | undefined {
    return this.cache.get(keyOf(kind, hash));
  }

  /** Taken before reading the row; pass it to `set`. Null: nothing read now will be stored. */
  begin(): ReadTicket {
    return this.cache.begin(GROUP);
  }

  /** Stores what a read begun with `ticket` found, unless the cache was cleared (or stopped) meanwhile. */
  set(kind: Kind, hash: string, ticket: ReadTicket, value: CachedCredential): void {
    this.cache.set(keyOf(kind, hash), GROUP, ticket, value);
  }
}

const GROUP = 'credentials';
// A cookie holding a token's secret is not that token's session: the kinds never share an entry.
const keyOf = (kind: Kind, hash: string) => (kind === 'session' ? 's' : 't') + hash;
