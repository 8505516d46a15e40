// The row scope a pooled PostgreSQL session carries: `rexian.street_id` / `rexian.unit_id`, read by the row-level
// security policies (migrations 0005, 0015, 0019). A confined request (db/scope.ts, db/replica.ts) states its scope as
// the first statement on its connection; the setting then stays with the session when the connection goes back to
// the pool, and is changed only when the next checkout wants a different one:
//   - a checkout that states the scope the session already has sends nothing (a street clerk's next request on the
//     same connection: 4 statements → 2);
//   - a checkout that does not state one (everything unconfined: district accounts, the session check, jobs) gets
//     the scope cleared before its first statement, if the session carries one.
// So a statement never runs under a scope its checkout did not ask for. What each session carries is known here
// because every statement of a pooled connection passes through `scoping` (db/connection.ts); a failed change leaves
// the session's scope unknown, which is cleared or set again before it is used.
import { CompiledQuery } from 'kysely';
import type pg from 'pg';

const SET_SCOPE = "/* rexian:scope */ select set_config('rexian.street_id', $1, false), set_config('rexian.unit_id', $2, false)";
const UNCONFINED = '|';
const UNKNOWN = '?';

export interface RowScope {
  streetId: number | null;
  unitId: number | null;
}

/** The statement a confined checkout starts with; null states "unconfined". */
export function scopeStatement(scope: RowScope | null): CompiledQuery {
  const street = scope?.streetId == null ? '' : String(scope.streetId);
  const unit = scope?.unitId == null ? '' : String(scope.unitId);
  return CompiledQuery.raw(SET_SCOPE, [street, unit]);
}

/** The scope each session carries (absent: none, as a new session starts). */
const carried = new WeakMap<pg.ClientBase, string>();

/** What a skipped SET_SCOPE answers (its caller ignores the row). */
const unchanged = (): pg.QueryResult => ({ command: 'SELECT', rowCount: 1, oid: 0, fields: [], rows: [{}] });

/**
 * One checkout of `client`: its statements, with the session's scope made what the checkout asked for. `sent` hears
 * each statement that goes to the server.
 */
export function scoping(client: pg.PoolClient, sent?: (text: string) => void): pg.PoolClient {
  let stated = false;
  const change = async (key: string, values: unknown[]) => {
    carried.set(client, UNKNOWN);
    sent?.(SET_SCOPE);
    const result = await client.query(SET_SCOPE, values);
    carried.set(client, key);
    return result;
  };
  const query = (...args: unknown[]): unknown => {
    const first = args[0] as string | { text?: string; submit?: unknown };
    const text = typeof first === 'string' ? first : first?.text;
    const carries = carried.get(client) ?? UNCONFINED;
    if (text === SET_SCOPE) {
      stated = true;
      const values = (args[1] as unknown[]) ?? [];
      const key = values.join('|');
      return carries === key ? Promise.resolve(unchanged()) : change(key, values);
    }
    const pass = () => {
      if (sent && text) sent(text);
      return (client.query as (...a: unknown[]) => unknown)(...args);
    };
    if (stated || carries === UNCONFINED) {
      stated = true;
      return pass();
    }
    if (typeof (first as { submit?: unknown })?.submit === 'function') {
      // A cursor answers synchronously: it cannot wait for the clearing. Nothing streams today; refuse, never widen.
      throw new Error('a cursor cannot be the first statement on a session that carries a row scope');
    }
    stated = true;
    return change(UNCONFINED, ['', '']).then(pass);
  };
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'query') return query;
      const value = (target as unknown as Record<PropertyKey, unknown>)[prop];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
