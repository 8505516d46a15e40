// The session cookie's name and attributes (README "Security").
//
// Rule: over HTTPS, and on localhost/127.0.0.1 (browsers accept Secure cookies there even over plain HTTP), the
// cookie is `__Host-rexian_session; Secure; HttpOnly; SameSite=Lax; Path=/` — the `__Host-` prefix makes the
// browser refuse it unless it is Secure, host-only and Path=/. A plain-HTTP LAN deployment (http://10.x.x.x)
// would never get a Secure cookie back, so there it is `rexian_session` without Secure.
export const SECURE_SESSION_COOKIE = '__Host-rexian_session';
export const PLAIN_SESSION_COOKIE = 'rexian_session';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether the browser used HTTPS: directly, or to a TLS-terminating proxy that says so (also decides HSTS). */
export function isHttpsRequest(request: { url: string; headers: { get(name: string): string | null } }): boolean {
  // Behind a TLS-terminating proxy the request reaches us as http; the proxy says what the browser used.
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return new URL(request.url).protocol === 'https:' || forwarded === 'https';
}

/** Whether the cookie can be Secure for this request (HTTPS, or a loopback host). */
export function secureCookieContext(request: Request): boolean {
  if (isHttpsRequest(request)) return true;
  const url = new URL(request.url);
  return LOOPBACK.has(url.hostname) || url.hostname.endsWith('.localhost');
}

export function sessionCookieName(secure: boolean) {
  return secure ? SECURE_SESSION_COOKIE : PLAIN_SESSION_COOKIE;
}

export function sessionCookieHeader(secure: boolean, value: string, maxAgeSeconds: number) {
  const attrs = `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
  return `${sessionCookieName(secure)}=${encodeURIComponent(value)}; ${attrs}${secure ? '; Secure' : ''}`;
}
