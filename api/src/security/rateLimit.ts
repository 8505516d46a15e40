// Per-token rate limit for API tokens: a token bucket (20 requests/s, bursts of 40) per presented bearer value,
// keyed by its SHA-256, so unknown tokens are limited too. The bucket lives in the database (one upsert per
// request), so every API process on one PostgreSQL shares it; a copy in process memory answers floods without
// a database round trip (see useTokenRateLimit for why that copy never refuses what the shared one would allow).
import { sql, type Kysely } from 'kysely';
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/types';
import { sha256 } from '../auth/passwords';

export interface RateLimitOptions {
  ratePerSecond: number;
  burst: number;
  /** Injectable clock (milliseconds), for tests. */
  now?: () => number;
  /** Buckets kept at most in memory; the oldest idle ones are dropped first. */
  maxKeys?: number;
}

export const TOKEN_RATE_LIMIT: RateLimitOptions = { ratePerSecond: 20, burst: 40 };

/** Seconds until a bucket holding `tokens` has one again. */
const waitFor = (tokens: number, rate: number) => Math.max(1, Math.ceil((1 - tokens) / rate));

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly opts: RateLimitOptions) {}

  /** Takes one request from the key's bucket; returns 0 when allowed, else the seconds until the next one. */
  take(key: string, now = (this.opts.now ?? Date.now)()): number {
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.opts.burst, at: now };
      if (this.buckets.size >= (this.opts.maxKeys ?? 10_000)) this.buckets.delete(this.buckets.keys().next().value!);
    } else {
      this.buckets.delete(key); // re-insert: Map order becomes least-recently-used first
      b.tokens = Math.min(this.opts.burst, b.tokens + (Math.max(0, now - b.at) / 1000) * this.opts.ratePerSecond);
      b.at = Math.max(b.at, now);
    }
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return waitFor(b.tokens, this.opts.ratePerSecond);
  }

  /** Gives back a request the shared bucket refused, so this copy never holds fewer tokens than the shared one. */
  refund(key: string) {
    const b = this.buckets.get(key);
    if (b) b.tokens = Math.min(this.opts.burst, b.tokens + 1);
  }
}

/** The same bucket in the table api_rate_bucket (migration 0010), shared by every process on the database. */
export class DatabaseBuckets {
  private prunedAt = 0;
  constructor(private readonly db: Kysely<Database>, private readonly opts: RateLimitOptions) {}

  /** One statement: refill by elapsed time, take one if there is one, and say which (row-locked per key). */
  async take(key: string, now: number): Promise<number> {
    const { burst, ratePerSecond: rate } = this.opts;
    const at = new Date(now);
    const refill = sql`least(${burst}::float8, b.tokens + greatest(0, extract(epoch from (excluded.at - b.at))::float8) * ${rate}::float8)`;
    const { rows } = await sql<{ allowed: boolean; tokens: number }>`
      insert into api_rate_bucket as b (key, tokens, at, allowed) values (${key}, ${burst - 1}::float8, ${at}, true)
      on conflict (key) do update set
        tokens = ${refill} - case when ${refill} >= 1 then 1 else 0 end,
        allowed = ${refill} >= 1,
        at = greatest(b.at, excluded.at)
      returning allowed, tokens`.execute(this.db);
    await this.prune(now);
    const r = rows[0]!;
    return r.allowed ? 0 : waitFor(r.tokens, rate);
  }

  /** A bucket idle for burst/rate seconds is full again, i.e. the same as no row: idle rows go once a minute. */
  private async prune(now: number) {
    if (now - this.prunedAt < 60_000) return;
    this.prunedAt = now;
    const idleMs = Math.max(60_000, (this.opts.burst / this.opts.ratePerSecond) * 1000);
    await this.db.deleteFrom('apiRateBucket').where('at', '<', new Date(now - idleMs)).execute();
  }
}

export const bearerOf = (request: Request) => /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];

/**
 * Answers HTTP 429 with a GraphQL error `RATE_LIMITED` (and Retry-After) before any work is done.
 *
 * The memory copy is asked first. It sees a subset of the requests the shared bucket sees, and a request the
 * shared bucket refuses is refunded to it, so it always holds at least as many tokens: when it refuses, the
 * shared bucket would have refused too, and the flood costs no database work. Should the database fail, the
 * memory copy's answer stands (per-process limiting, as before) and the request goes on to fail or succeed on
 * its own.
 */
export function useTokenRateLimit(opts: RateLimitOptions = TOKEN_RATE_LIMIT, db?: Kysely<Database>): Plugin {
  const local = new TokenBuckets(opts);
  const shared = db ? new DatabaseBuckets(db, opts) : undefined;
  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      const bearer = bearerOf(request);
      if (!bearer) return;
      const key = sha256(bearer);
      const now = (opts.now ?? Date.now)();
      let wait = local.take(key, now);
      if (wait === 0 && shared) {
        try {
          wait = await shared.take(key, now);
          if (wait > 0) local.refund(key);
        } catch (e) {
          console.error('[rate-limit] shared bucket unavailable, limiting per process:', (e as Error).message);
        }
      }
      if (wait === 0) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({ errors: [{ message: `请求过于频繁，请 ${wait} 秒后再试`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait } }] }),
          { status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(wait) } },
        ),
      );
    },
  };
}
