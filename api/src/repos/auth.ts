// Users, sessions and API tokens: all SQL of sign-in lives here.
import type { CompiledQuery, Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { LeaderRank, Role } from '../auth/roles';
import { hashPassword, randomSecret, sha256, verifyPassword } from '../auth/passwords';
import { badInput } from '../errors';
import type { SessionCache } from '../auth/sessionCache';

type Db = Kysely<Database> | Transaction<Database>;

export interface Principal {
  userId: number | null;
  tokenId: number | null;
  username: string;
  role: Role;
  unitId: number | null;
  /** The street the account or token belongs to; null = the district (区城运中心), which reads every street. */
  streetId: number | null;
  canReadPersonalData: boolean;
  /** A LEADER's rank: 分管领导 (DEPUTY) or 主要领导 (MAIN); absent for other roles and API tokens. */
  leaderRank?: LeaderRank | null;
}

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 10 * 60 * 60 * 1000;
/** lastSeenAt (sessions) and lastUsedAt (tokens) are written at most this often. */
export const TOUCH_MS = 60_000;
export const LOCK_AFTER_FAILURES = 6;
export const LOCK_MS = 15 * 60 * 1000;

/**
 * The street an account or token gets: a UNIT_HANDLER's is its unit's (a different one given is refused); anyone
 * else's is the one given, or none (district-wide).
 */
export async function streetOfAccount(db: Db, a: { role: Role; unitId?: number | null; streetId?: number | null }): Promise<number | null> {
  if (a.role !== 'UNIT_HANDLER' || a.unitId == null) return a.streetId ?? null;
  const unit = await db.selectFrom('unit').select('streetId').where('id', '=', a.unitId).executeTakeFirst();
  if (!unit) return a.streetId ?? null; // the foreign key reports the missing unit
  if (a.streetId != null && a.streetId !== unit.streetId) {
    throw badInput('处置单位账号的街镇必须是其单位所在的街镇', { streetId: '与单位所在街镇不一致' });
  }
  return unit.streetId;
}

export async function createUser(
  db: Db,
  u: {
    username: string;
    password: string;
    role: Role;
    unitId?: number | null;
    /** null/absent = district-wide; a UNIT_HANDLER's is its unit's street. */
    streetId?: number | null;
    displayName?: string | null;
    canReadPersonalData?: boolean;
    leaderRank?: LeaderRank | null;
  },
) {
  const streetId = await streetOfAccount(db, u);
  return db
    .insertInto('appUser')
    .values({
      username: u.username,
      passwordHash: await hashPassword(u.password),
      role: u.role,
      unitId: u.unitId ?? null,
      streetId,
      displayName: u.displayName ?? null,
      canReadPersonalData: u.canReadPersonalData ?? u.role === 'ADMIN',
      // A leader created without a rank is a 分管领导, as every leader was before ranks existed.
      leaderRank: u.role === 'LEADER' ? (u.leaderRank ?? 'DEPUTY') : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type LoginOutcome =
  | { ok: true; user: { id: number; username: string; role: Role; unitId: number | null; streetId: number | null; canReadPersonalData: boolean }; sessionToken: string }
  | { ok: false; reason: 'BAD_CREDENTIALS' | 'LOCKED' };

export async function login(db: Db, username: string, password: string, now = new Date()): Promise<LoginOutcome> {
  const user = await db.selectFrom('appUser').selectAll().where('username', '=', username).executeTakeFirst();
  if (!user || !user.active) {
    await verifyPassword('$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', password); // same timing
    return { ok: false, reason: 'BAD_CREDENTIALS' };
  }
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: 'LOCKED' };
  if (!(await verifyPassword(user.passwordHash, password))) {
    const failures = user.failedLogins + 1;
    await db
      .updateTable('appUser')
      .set({
        failedLogins: failures >= LOCK_AFTER_FAILURES ? 0 : failures,
        lockedUntil: failures >= LOCK_AFTER_FAILURES ? new Date(now.getTime() + LOCK_MS) : user.lockedUntil,
      })
      .where('id', '=', user.id)
      .execute();
    return { ok: false, reason: failures >= LOCK_AFTER_FAILURES ? 'LOCKED' : 'BAD_CREDENTIALS' };
  }
  await db.updateTable('appUser').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', user.id).execute();
  const sessionToken = randomSecret();
  await db
    .insertInto('userSession')
    .values({ id: sha256(sessionToken), userId: user.id, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS) })
    .execute();
  const unitStreet = user.role === 'UNIT_HANDLER' && user.unitId !== null
    ? (await db.selectFrom('unit').select('streetId').where('id', '=', user.unitId).executeTakeFirst())?.streetId
    : undefined;
  const streetId = unitStreet ?? user.streetId;
  return { ok: true, user: { id: user.id, username: user.username, role: user.role as Role, unitId: user.unitId, streetId, canReadPersonalData: user.canReadPersonalData }, sessionToken };
}

/** Per client address, across all accounts and API processes (README "Security"). */
export interface LoginThrottle {
  maxFailures: number;
  windowMs: number;
}
export const LOGIN_THROTTLE: LoginThrottle = { maxFailures: 20, windowMs: 10 * 60 * 1000 };

/**
 * Registers a login attempt from this client before the password is checked. The row is written first and then
 * counted, so attempts racing in other processes see each other; a refused attempt removes its row again (being
 * refused does not lengthen the wait). Returns the attempt's id, or the seconds until the client may try again.
 */
export async function beginLoginAttempt(db: Db, client: string, now: Date, limit: LoginThrottle = LOGIN_THROTTLE): Promise<{ attemptId: number } | { waitSeconds: number }> {
  const { id } = await db.insertInto('loginAttempt').values({ client, at: now }).returning('id').executeTakeFirstOrThrow();
  const since = new Date(now.getTime() - limit.windowMs);
  const recent = await db
    .selectFrom('loginAttempt')
    .select('at')
    .where('client', '=', client)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit.maxFailures + 1)
    .execute();
  if (recent.length <= limit.maxFailures) return { attemptId: Number(id) };
  await db.deleteFrom('loginAttempt').where('id', '=', id).execute();
  // recent[0] is (about) this attempt; the client is free again once the oldest of the other maxFailures leaves the window.
  const oldest = recent[limit.maxFailures]!.at.getTime();
  return { waitSeconds: Math.max(1, Math.ceil((oldest + limit.windowMs - now.getTime()) / 1000)) };
}

/** A successful login is not a failure: its row goes. A failed one stays, and rows past any window are pruned. */
export async function endLoginAttempt(db: Db, attemptId: number, ok: boolean, now: Date, limit: LoginThrottle = LOGIN_THROTTLE) {
  if (ok) await db.deleteFrom('loginAttempt').where('id', '=', attemptId).execute();
  else await db.deleteFrom('loginAttempt').where('at', '<', new Date(now.getTime() - limit.windowMs)).execute();
}

export async function endSession(db: Db, sessionToken: string) {
  await db.deleteFrom('userSession').where('id', '=', sha256(sessionToken)).execute();
}

/** The session check of every request: built and compiled once (≈0.3 ms of Node CPU a request), run with the hash. */
function sessionQuery(db: Db, tokenHash: string) {
  return db
    .selectFrom('userSession as s')
    .innerJoin('appUser as u', 'u.id', 's.userId')
    .leftJoin('unit as un', 'un.id', 'u.unitId')
    .select(['s.id as sessionId', 's.lastSeenAt', 's.expiresAt', 'u.id', 'u.username', 'u.role', 'u.unitId', 'u.canReadPersonalData', 'u.active', 'u.leaderRank'])
    // A handler's street is its unit's, whatever the column says (the unit could have moved).
    .select((eb) => eb.fn.coalesce(eb.case().when('u.role', '=', 'UNIT_HANDLER').then(eb.ref('un.streetId')).end(), eb.ref('u.streetId')).as('streetId'))
    .where('s.id', '=', tokenHash);
}
type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirst']>>;
// Every database here compiles it to the same text (PostgreSQL's dialect, the schema from the search path).
let compiledSession: CompiledQuery<NonNullable<SessionRow>> | null = null;
/** Where the compiled query takes the token's hash (its other parameters are constants of the query). */
const TOKEN_HASH_SLOT = Symbol('token hash') as unknown as string;

/**
 * The caller of a session cookie; null for an unknown, expired or deactivated one. With a cache (PostgreSQL, while the
 * process listens for changes: auth/sessionCache.ts) a session read moments ago is answered without the database,
 * unless it expired since or its lastSeenAt is due to be written.
 */
export async function principalFromSession(db: Db, sessionToken: string, now = new Date(), cache?: SessionCache | null): Promise<Principal | null> {
  const tokenHash = sha256(sessionToken);
  const cached = cache?.get('session', tokenHash);
  if (cached && stillFresh(cached.expiresAt, cached.lastSeenAt, now)) return { ...cached.principal };
  const ticket = cache?.begin() ?? null;
  compiledSession ??= sessionQuery(db, TOKEN_HASH_SLOT).compile();
  const parameters = compiledSession.parameters.map((p) => (p === TOKEN_HASH_SLOT ? tokenHash : p));
  const row: SessionRow = (await db.executeQuery<NonNullable<SessionRow>>({ ...compiledSession, parameters })).rows[0];
  if (!row || !row.active) return null;
  if (row.expiresAt <= now || now.getTime() - row.lastSeenAt.getTime() > SESSION_IDLE_MS) {
    await db.deleteFrom('userSession').where('id', '=', row.sessionId).execute();
    return null;
  }
  // Touch at most once a minute: a list page fires several requests and each should not write.
  let lastSeenAt = row.lastSeenAt;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_MS) {
    await db.updateTable('userSession').set({ lastSeenAt: now }).where('id', '=', row.sessionId).execute();
    lastSeenAt = now;
  }
  const principal: Principal = {
    userId: row.id,
    tokenId: null,
    username: row.username,
    role: row.role as Role,
    unitId: row.unitId,
    streetId: row.streetId ?? null,
    canReadPersonalData: row.canReadPersonalData,
    leaderRank: row.role === 'LEADER' ? ((row.leaderRank as LeaderRank | null) ?? null) : null,
  };
  cache?.set('session', tokenHash, ticket, { principal: { ...principal }, expiresAt: row.expiresAt, lastSeenAt });
  return principal;
}

/**
 * A cached credential may answer only while the database path would answer the same without writing: not expired
 * by `now`, and its last-seen time written within TOUCH_MS (when it is due, the database path writes it). TOUCH_MS
 * is far below SESSION_IDLE_MS, so an idle session never gets here.
 */
function stillFresh(expiresAt: Date | null, lastSeenAt: Date | null, now: Date): boolean {
  if (expiresAt && expiresAt <= now) return false;
  return lastSeenAt !== null && now.getTime() - lastSeenAt.getTime() <= TOUCH_MS;
}

export const TOKEN_PREFIX = 'rxt_';

export async function createApiToken(
  db: Db,
  t: { name: string; role: Role; unitId?: number | null; streetId?: number | null; createdBy: number | null; expiresAt?: Date | null },
) {
  const streetId = await streetOfAccount(db, t);
  const token = TOKEN_PREFIX + randomSecret();
  const row = await db
    .insertInto('apiToken')
    .values({
      name: t.name,
      prefix: token.slice(0, 10),
      tokenHash: sha256(token),
      role: t.role,
      unitId: t.unitId ?? null,
      streetId,
      createdBy: t.createdBy,
      expiresAt: t.expiresAt ?? null,
    })
    .returning(['id', 'name', 'prefix', 'role', 'streetId', 'expiresAt'])
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

export async function principalFromToken(db: Db, token: string, now = new Date(), cache?: SessionCache | null): Promise<Principal | null> {
  const tokenHash = sha256(token);
  const cached = cache?.get('token', tokenHash);
  if (cached && stillFresh(cached.expiresAt, cached.lastSeenAt, now)) return { ...cached.principal };
  const ticket = cache?.begin() ?? null;
  const row = await db
    .selectFrom('apiToken as t')
    .leftJoin('unit as un', 'un.id', 't.unitId')
    .selectAll('t')
    .select((eb) => eb.fn.coalesce(eb.case().when('t.role', '=', 'UNIT_HANDLER').then(eb.ref('un.streetId')).end(), eb.ref('t.streetId')).as('accountStreetId'))
    .where('t.tokenHash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  let lastUsedAt = row.lastUsedAt;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_MS) {
    await db.updateTable('apiToken').set({ lastUsedAt: now }).where('id', '=', row.id).execute();
    lastUsedAt = now;
  }
  const principal: Principal = {
    userId: null,
    tokenId: row.id,
    username: `token:${row.name}`,
    role: row.role as Role,
    unitId: row.unitId,
    streetId: row.accountStreetId ?? null,
    canReadPersonalData: false,
  };
  cache?.set('token', tokenHash, ticket, { principal: { ...principal }, expiresAt: row.expiresAt, lastSeenAt: lastUsedAt });
  return principal;
}
