// A yoga instance with a movable clock and its own limits, for the security suites.
import { createApiYoga } from '../../src/yoga';
import type { AppServices } from '../../src/context';
import type { TestDatabase } from '../helpers/db';
import type { GqlResult } from '../helpers/api';

export function clockedApi(db: Pick<TestDatabase, 'db'> & Partial<Pick<TestDatabase, 'appDb'>>, opts: { production?: boolean; base?: string; limits?: AppServices['limits']; trustProxy?: number } = {}) {
  const clock = { now: new Date('2026-03-02T01:00:00Z').getTime() };
  const yoga = createApiYoga({ db: db.appDb ?? db.db, production: opts.production ?? false, now: () => new Date(clock.now), limits: opts.limits, trustProxy: opts.trustProxy });
  async function call(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, base = opts.base ?? 'http://localhost') {
    const res = await yoga.fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    return { res, text, body: JSON.parse(text) as GqlResult };
  }
  async function login(username: string, password: string, base?: string, headers: Record<string, string> = {}) {
    const r = await call('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id role } }', { u: username, p: password }, headers, base);
    return { ...r, cookie: r.res.headers.get('set-cookie')?.split(';')[0] ?? null };
  }
  return { yoga, clock, call, login, advance: (ms: number) => void (clock.now += ms) };
}

export const codes = (body: GqlResult) => (body.errors ?? []).map((e) => e.extensions?.code);

export const CREATE_TICKET = `mutation($n: String!, $s: ID!, $u: ID, $c: TicketCategory!, $r: DateTime!, $phone: String, $addr: String) {
  createTicket(number: $n, streetId: $s, unitId: $u, category: $c, receivedAt: $r, citizenPhone: $phone, address: $addr) { id version }
}`;

/**
 * A second connection to the same database, standing in for another API process: its own pool on PostgreSQL
 * (same schema); on PGlite, which one process owns, the same handle.
 */
export async function secondProcessDb(db: TestDatabase): Promise<Pick<TestDatabase, 'db' | 'appDb' | 'close'>> {
  const url = process.env.DATABASE_URL;
  if (!url) return { db: db.db, appDb: db.appDb, close: async () => {} };
  const { openDatabase } = await import('../../src/db/connection');
  const other = await openDatabase({ databaseUrl: url, searchPath: db.schema, poolMax: 2 });
  return { db: other.db, appDb: other.appDb, close: () => other.close() };
}
