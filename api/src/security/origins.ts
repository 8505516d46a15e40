// Which web origins may call /graphql from a browser (contract.md Authentication, README "Security").
//
// A browser names the page's origin in `Origin` on every cross-origin request and on same-origin POSTs. The
// server's own origin is read from the request itself (Host, or X-Forwarded-Host/-Proto from a proxy): a page on
// another site cannot choose those headers without a preflight, which only listed origins pass. Anything else that
// carries an Origin — evil.example, `null` from a sandboxed frame — is refused with 403 before parsing, so a
// logged-in clerk's cookie never answers a foreign page. Listed origins (REXIAN_ALLOWED_ORIGINS) get credentialed
// CORS; same-origin and Origin-less requests (curl, scripts, the CLI) need none.
import type { Plugin } from 'graphql-yoga';

/** Request headers a listed origin may send (the admin's and GraphQL clients' own). */
const ALLOWED_HEADERS = ['content-type', 'authorization', 'x-graphql-yoga-csrf', 'x-request-id', 'apollo-require-preflight'];
const ALLOWED_METHODS = ['GET', 'POST', 'OPTIONS'];
/** Headers a cross-origin script may read beyond the CORS-safelisted ones. */
const EXPOSED_HEADERS = ['retry-after'];

/** `https://Example.org:443/` → `https://example.org`; undefined when it is not an http(s) origin. */
export function normalizeOrigin(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** REXIAN_ALLOWED_ORIGINS: comma-separated origins (`https://dash.example.org,http://10.1.2.3:8080`); empty = none. */
export function parseAllowedOrigins(value: string | undefined): string[] {
  const out: string[] = [];
  for (const raw of (value ?? '').split(',')) {
    if (!raw.trim()) continue;
    const origin = normalizeOrigin(raw);
    if (!origin) {
      throw new Error(`REXIAN_ALLOWED_ORIGINS: "${raw.trim()}" is not an origin such as https://dash.example.org (scheme, host and port only; no "*")`);
    }
    if (!out.includes(origin)) out.push(origin);
  }
  return out;
}

const firstValue = (header: string | null) => header?.split(',')[0]?.trim() || undefined;

/** The origins this request addresses: the URL it arrived on, and what a TLS-terminating proxy says it forwarded. */
export function ownOrigins(request: Pick<Request, 'url' | 'headers'>): Set<string> {
  const url = new URL(request.url);
  const protos = new Set([url.protocol.replace(':', '')]);
  const hosts = new Set([url.host]);
  const fProto = firstValue(request.headers.get('x-forwarded-proto'))?.toLowerCase();
  const fHost = firstValue(request.headers.get('x-forwarded-host'));
  if (fProto === 'http' || fProto === 'https') protos.add(fProto);
  if (fHost) hosts.add(fHost);
  const out = new Set<string>();
  for (const p of protos) for (const h of hosts) {
    const o = normalizeOrigin(`${p}://${h}`);
    if (o) out.add(o);
  }
  return out;
}

export type OriginVerdict = 'none' | 'same' | 'listed' | 'foreign';

export function classifyOrigin(request: Pick<Request, 'url' | 'headers'>, allowed: readonly string[]): OriginVerdict {
  const header = request.headers.get('origin');
  if (header === null) return 'none';
  const origin = normalizeOrigin(header); // `null` (opaque origins) and garbage stay undefined: foreign
  if (origin && ownOrigins(request).has(origin)) return 'same';
  if (origin && allowed.includes(origin)) return 'listed';
  return 'foreign';
}

export const ORIGIN_REFUSED = {
  message: '不允许来自该来源的跨站请求',
  extensions: { code: 'FORBIDDEN', reason: 'ORIGIN' },
} as const;

/**
 * Yoga plugin (yoga's own `cors` is turned off: it echoes any Origin with credentials): refuses foreign origins
 * with 403, answers preflights, and gives listed origins credentialed CORS headers.
 */
export function useOriginPolicy(allowed: readonly string[]): Plugin {
  const corsHeaders = (origin: string, preflight: boolean): Record<string, string> => ({
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    ...(preflight
      ? { 'access-control-allow-methods': ALLOWED_METHODS.join(', '), 'access-control-allow-headers': ALLOWED_HEADERS.join(', '), 'access-control-max-age': '600' }
      : { 'access-control-expose-headers': EXPOSED_HEADERS.join(', ') }),
  });
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const verdict = classifyOrigin(request, allowed);
      if (verdict === 'foreign') {
        return endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [ORIGIN_REFUSED] }), { status: 403, headers: { 'content-type': 'application/json; charset=utf-8' } }),
        );
      }
      if (request.method.toUpperCase() === 'OPTIONS') {
        const cors = verdict === 'listed' ? corsHeaders(request.headers.get('origin')!, true) : {};
        endResponse(new fetchAPI.Response(null, { status: 204, headers: { 'content-length': '0', ...cors } }));
      }
    },
    onResponse({ request, response }) {
      // Answers differ by Origin: caches must keep them apart.
      if (!/\borigin\b/i.test(response.headers.get('vary') ?? '')) response.headers.append('vary', 'Origin');
      if (response.headers.has('access-control-allow-origin') || classifyOrigin(request, allowed) !== 'listed') return;
      for (const [k, v] of Object.entries(corsHeaders(request.headers.get('origin')!, false))) response.headers.set(k, v);
    },
  };
}
