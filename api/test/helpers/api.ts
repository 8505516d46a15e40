// Calls the API in process through yoga.fetch (no port), as a signed-in user or anonymously.
import { createApiYoga } from '../../src/yoga';
import { createUser } from '../../src/repos/auth';
import type { Role } from '../../src/auth/roles';
import type { TestDatabase } from './db';

export interface GqlResult<T = any> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; fieldErrors?: Record<string, string>; [k: string]: unknown } }>;
}

export function testApi(db: TestDatabase) {
  const yoga = createApiYoga({ db: db.appDb, production: false });
  async function raw(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { res, body: (await res.json()) as GqlResult };
  }
  let n = 0;
  return {
    yoga,
    raw,
    /** A client bound to a session cookie (or none). */
    as(cookie: string | null) {
      return async <T = any>(query: string, variables: Record<string, unknown> = {}) =>
        (await raw(query, variables, cookie ? { cookie } : {})).body as GqlResult<T>;
    },
    async login(username: string, password: string) {
      const { res, body } = await raw('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id role } }', { u: username, p: password });
      if (body.errors) throw new Error(`login failed: ${body.errors[0]!.message}`);
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      return cookie;
    },
    /** Creates a user with this role and returns a client signed in as it. */
    async signedIn(role: Role, extra: { unitId?: number; canReadPersonalData?: boolean } = {}) {
      const username = `${role.toLowerCase()}_${++n}_${Math.random().toString(36).slice(2, 6)}`;
      await createUser(db.db, { username, password: 'password-123', role, unitId: extra.unitId ?? null, canReadPersonalData: extra.canReadPersonalData });
      return this.as(await this.login(username, 'password-123'));
    },
  };
}
