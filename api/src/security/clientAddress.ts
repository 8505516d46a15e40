// The address a request comes from, for per-client limits (login throttling). The socket's peer address unless
// REXIAN_TRUST_PROXY says how many reverse proxies in front of us append to X-Forwarded-For: only then is that
// header believed, and only the entries our own proxies wrote (anything further left is the client's own claim).
import type { IncomingMessage } from 'node:http';

/** REXIAN_TRUST_PROXY: unset/`false` → 0 (header ignored), `true` → 1, or the number of trusted proxy hops. */
export function parseTrustProxy(value: string | undefined): number {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'false' || v === 'no' || v === 'off' || v === '0') return 0;
  if (v === 'true' || v === 'yes' || v === 'on') return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`REXIAN_TRUST_PROXY must be true, false or a number of proxies (1–10), not "${value}"`);
  return n;
}

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) and `10.0.0.1` are the same client. */
function normalize(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

export function clientAddress(request: Request, socketAddress: string | undefined, trustedProxies: number): string {
  if (trustedProxies > 0) {
    const hops = (request.headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    // client → P1 → P2 → us: P1 wrote the client's address, P2 wrote P1's; with 2 trusted hops the client is 2nd from the right.
    const seen = hops[hops.length - trustedProxies];
    if (seen) return normalize(seen);
  }
  // In-process calls (tests' yoga.fetch) have no socket: they share one bucket rather than escape the limit.
  return socketAddress ? normalize(socketAddress) : 'unknown';
}

/** The peer address of the Node request yoga was called with, if any. */
export const socketAddressOf = (serverContext: unknown): string | undefined =>
  (serverContext as { req?: IncomingMessage } | undefined)?.req?.socket?.remoteAddress;
