// One fresh context per request: the database, the caller, per-request loaders and a request id.
import crypto from 'node:crypto';
import type { YogaInitialContext } from 'graphql-yoga';
import type { DB } from './db/connection';
import { principalFromSession, principalFromToken, type Principal } from './repos/auth';
import { createLoaders, type Loaders } from './loaders';
import { unauthenticated } from './errors';

export const SESSION_COOKIE = 'rexian_session';

export interface AppServices {
  db: DB;
  production: boolean;
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
  secureRequest: boolean;
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
  const sessionToken = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (bearer) user = await principalFromToken(db, bearer);
  else if (sessionToken) user = await principalFromSession(db, sessionToken);
  const ctx: Context = {
    db,
    user,
    sessionToken,
    loaders: undefined as unknown as Loaders,
    requestId: request.headers.get('x-request-id') ?? crypto.randomUUID(),
    request,
    setCookies: [],
    secureRequest: new URL(request.url).protocol === 'https:',
  };
  ctx.loaders = createLoaders(ctx);
  return ctx;
}

export function requireUser(ctx: Context): Principal {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}
