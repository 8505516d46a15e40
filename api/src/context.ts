// One fresh context per request: the database, the caller, per-request loaders and a request id.
import crypto from 'node:crypto';
import type { YogaInitialContext } from 'graphql-yoga';
import type { DB } from './db/connection';
import { LOGIN_THROTTLE, principalFromSession, principalFromToken, type LoginThrottle, type Principal } from './repos/auth';
import { clientAddress, socketAddressOf } from './security/clientAddress';
import { createLoaders, type Loaders } from './loaders';
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
  if (bearer) user = await principalFromToken(db, bearer, now);
  else if (sessionToken) user = await principalFromSession(db, sessionToken, now);
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
  };
  ctx.loaders = createLoaders(ctx);
  return ctx;
}

export function requireUser(ctx: Context): Principal {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}
