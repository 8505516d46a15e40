// Per-token rate limit for API tokens: a token bucket (20 requests/s, bursts of 40) kept in process memory.
// Keyed by the SHA-256 of the presented bearer value, so unknown tokens are limited too (guessing gets slow).
import type { Plugin } from 'graphql-yoga';
import { sha256 } from '../auth/passwords';

export interface RateLimitOptions {
  ratePerSecond: number;
  burst: number;
  /** Injectable clock (milliseconds), for tests. */
  now?: () => number;
  /** Buckets kept at most; the oldest idle ones are dropped first. */
  maxKeys?: number;
}

export const TOKEN_RATE_LIMIT: RateLimitOptions = { ratePerSecond: 20, burst: 40 };

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly opts: RateLimitOptions) {}

  /** Takes one request from the key's bucket; returns 0 when allowed, else the seconds until the next one. */
  take(key: string): number {
    const now = (this.opts.now ?? Date.now)();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.opts.burst, at: now };
      if (this.buckets.size >= (this.opts.maxKeys ?? 10_000)) this.buckets.delete(this.buckets.keys().next().value!);
    } else {
      this.buckets.delete(key); // re-insert: Map order becomes least-recently-used first
      b.tokens = Math.min(this.opts.burst, b.tokens + ((now - b.at) / 1000) * this.opts.ratePerSecond);
      b.at = now;
    }
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.opts.ratePerSecond));
  }
}

export const bearerOf = (request: Request) => /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];

/** Answers HTTP 429 with a GraphQL error `RATE_LIMITED` (and Retry-After) before any work is done. */
export function useTokenRateLimit(opts: RateLimitOptions = TOKEN_RATE_LIMIT): Plugin {
  const buckets = new TokenBuckets(opts);
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const bearer = bearerOf(request);
      if (!bearer) return;
      const wait = buckets.take(sha256(bearer));
      if (wait === 0) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({ errors: [{ message: '请求过于频繁，请稍后再试', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait } }] }),
          { status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(wait) } },
        ),
      );
    },
  };
}
