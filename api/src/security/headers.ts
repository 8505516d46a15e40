// Security headers on every response of the HTTP server (README "Security"): `/`, static assets, `/graphql`,
// `/healthz`. The admin build has no inline script (Vite emits module files only), so scripts come from 'self'
// alone; MUI's emotion and index.html's boot style insert <style> elements, so styles keep 'unsafe-inline' — a
// style cannot run code. HSTS only where the browser used HTTPS (the same rule as the Secure session cookie).
import type { Plugin } from 'graphql-yoga';
import { isHttpsRequest } from './cookies';

type Directives = Record<string, string[]>;

const BASE: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The development-only GraphiQL page (yoga serves it for GET /graphql with Accept: text/html unless production)
 * is one HTML file with its code inline: it gets its own policy allowing inline scripts. Production never serves it.
 */
const GRAPHIQL: Directives = { ...BASE, 'script-src': ["'self'", "'unsafe-inline'"], 'font-src': ["'self'", 'data:'], 'worker-src': ["'self'", 'blob:'] };

const render = (d: Directives) => Object.entries(d).map(([k, v]) => `${k} ${v.join(' ')}`).join('; ');
export const CONTENT_SECURITY_POLICY = render(BASE);
export const GRAPHIQL_CONTENT_SECURITY_POLICY = render(GRAPHIQL);

export const HSTS = 'max-age=31536000; includeSubDomains';

/** The headers for one response; `https` per isHttpsRequest. */
export function securityHeaders(opts: { https: boolean; graphiql?: boolean }): Record<string, string> {
  return {
    'content-security-policy': opts.graphiql ? GRAPHIQL_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    ...(opts.https ? { 'strict-transport-security': HSTS } : {}),
  };
}

/** Yoga's responses (also when called in process, yoga.fetch): the same headers; GraphiQL's page its own policy. */
export function useSecurityHeaders(opts: { production: boolean }): Plugin {
  return {
    onResponse({ request, response }) {
      const graphiql = !opts.production && /^text\/html\b/i.test(response.headers.get('content-type') ?? '');
      for (const [k, v] of Object.entries(securityHeaders({ https: isHttpsRequest(request), graphiql }))) response.headers.set(k, v);
    },
  };
}
