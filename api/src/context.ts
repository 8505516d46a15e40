// One fresh context per request: the database, the caller, per-request loaders and a request id.
import crypto from 'node:crypto';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { getOperationAST, Kind, type SelectionNode } from 'graphql';
import { isPooled, onOneConnection, type DB } from './db/connection';
import { confinement } from './db/scope';
import { LOGIN_THROTTLE, principalFromSession, principalFromToken, type LoginThrottle, type Principal } from './repos/auth';
import { clientAddress, socketAddressOf } from './security/clientAddress';
import { createLoaders, type Loaders } from './loaders';
import type { LiveFeed } from './live/feed';
import { unauthenticated } from './errors';
import { PLAIN_SESSION_COOKIE, SECURE_SESSION_COOKIE, secureCookieContext } from './security/cookies';

export const SESSION_COOKIE = PLAIN_SESSION_COOKIE;

export interface AppServices {
  db: DB;
  production: boolean;
  /** The clock sessions and tokens expire by (tests move it). */
  now?: () => Date;
  /** Overrides of the abuse limits (tests). */
  limits?: { maxCost?: number; tokenRate?: { ratePerSecond: number; burst: number; now?: () => number }; loginThrottle?: LoginThrottle };
  /** A UNIT_HANDLER's execution runs confined to its unit in the database too (db/scope.ts); default on. */
  dbUnitScope?: boolean;
  /** Reverse proxies trusted to write X-Forwarded-For (REXIAN_TRUST_PROXY; 0: the socket address is the client). */
  trustProxy?: number;
  /** Origins besides the server's own whose pages may call /graphql (REXIAN_ALLOWED_ORIGINS, security/origins.ts). */
  allowedOrigins?: readonly string[];
  /** Committed changes heard from the database, for subscriptions (live/feed.ts); absent: none. */
  live?: LiveFeed;
}

export interface Context {
  db: DB;
  user: Principal | null;
  sessionToken: string | null;
  loaders: Loaders;
  requestId: string;
  request: Request;
  /** Cookies to set on the response (login/logout). */
  setCookies: string[];
  /** HTTPS or loopback: the session cookie is `__Host-…; Secure` (security/cookies.ts). */
  secureRequest: boolean;
  now: () => Date;
  /** Where the request came from (security/clientAddress.ts), for per-client login throttling. */
  clientAddress: string;
  loginThrottle: LoginThrottle;
  live?: LiveFeed;
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export async function buildContext(services: AppServices, initial: YogaInitialContext): Promise<Context> {
  const { request } = initial;
  const { db } = services;
  let user: Principal | null = null;
  const cookies = request.headers.get('cookie');
  const sessionToken = readCookie(cookies, SECURE_SESSION_COOKIE) ?? readCookie(cookies, PLAIN_SESSION_COOKIE);
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  const now = services.now?.() ?? new Date();
  const sessions = services.live?.sessions;
  if (bearer) user = await principalFromToken(db, bearer, now, sessions);
  else if (sessionToken) user = await principalFromSession(db, sessionToken, now, sessions);
  const ctx: Context = {
    db,
    user,
    sessionToken,
    loaders: undefined as unknown as Loaders,
    requestId: request.headers.get('x-request-id') ?? crypto.randomUUID(),
    request,
    setCookies: [],
    secureRequest: secureCookieContext(request),
    now: services.now ?? (() => new Date()),
    clientAddress: clientAddress(request, socketAddressOf(initial), services.trustProxy ?? 0),
    loginThrottle: services.limits?.loginThrottle ?? LOGIN_THROTTLE,
    live: services.live,
  };
  ctx.loaders = createLoaders(ctx);
  return ctx;
}

export function requireUser(ctx: Context): Principal {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}

/**
 * Yoga plugin: once a mutation of this process has run (committed or not), no session, token or list count read
 * before it is trusted — its own change (logout, a user deactivated, a role, a token revoked, a unit moved, a ticket
 * written) holds from the next request on, before the database's notification (migrations 0022, 0030) arrives.
 * Clearing on every mutation, rather than on a list of those that touch accounts or tickets, cannot miss a new one.
 */
export function useCacheReset(services: Pick<AppServices, 'live'>): Plugin<Record<string, unknown>, Context> {
  return {
    onExecute({ args }) {
      const { sessions, counts } = services.live ?? {};
      if ((!sessions && !counts) || getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      return {
        onExecuteDone: () => {
          sessions?.clear();
          counts?.clear();
        },
      };
    },
  };
}

/**
 * The register reads (contract.md: `X(id)`, `allXs`, `_allXsMeta`): lists and record pages. Other queries (rankings,
 * reports) keep fanning their independent statements out over the pool.
 */
const isResourceRead = (s: SelectionNode) =>
  s.kind === Kind.FIELD && (s.name.value === '__typename' || /^([A-Z]|all[A-Z]|_all[A-Z]\w*Meta$)/.test(s.name.value));

/**
 * Yoga plugin: a list's or a record page's execution runs on one pooled connection, its statements in sequence
 * (db/connection.ts onOneConnection), instead of each DataLoader batch taking a connection of its own. Confined
 * callers (street accounts, unit handlers) are pinned by db/scope.ts already; mutations keep the pool.
 * The loaders are made anew on yoga's copy of the context, which is what resolvers see.
 */
export function useOneConnection(): Plugin<Record<string, unknown>, Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const ctx = args.contextValue as unknown as Context;
      if (!isPooled(ctx.db) || confinement(ctx) !== null) return;
      const op = getOperationAST(args.document, args.operationName);
      if (op?.operation !== 'query' || !op.selectionSet.selections.every(isResourceRead)) return;
      const loaders = ctx.loaders;
      setExecuteFn((a) =>
        onOneConnection(ctx, async () => executeFn(a), () => {
          ctx.loaders = isPooled(ctx.db) ? loaders : createLoaders(ctx);
        }) as ReturnType<typeof executeFn>,
      );
    },
  };
}
