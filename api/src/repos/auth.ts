// Users, sessions and API tokens: all SQL of sign-in lives here.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { Role } from '../auth/roles';
import { hashPassword, randomSecret, sha256, verifyPassword } from '../auth/passwords';

type Db = Kysely<Database> | Transaction<Database>;

export interface Principal {
  userId: number | null;
  tokenId: number | null;
  username: string;
  role: Role;
  unitId: number | null;
  canReadPersonalData: boolean;
}

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 10 * 60 * 60 * 1000;
export const LOCK_AFTER_FAILURES = 6;
export const LOCK_MS = 15 * 60 * 1000;

export async function createUser(
  db: Db,
  u: { username: string; password: string; role: Role; unitId?: number | null; displayName?: string | null; canReadPersonalData?: boolean },
) {
  return db
    .insertInto('appUser')
    .values({
      username: u.username,
      passwordHash: await hashPassword(u.password),
      role: u.role,
      unitId: u.unitId ?? null,
      displayName: u.displayName ?? null,
      canReadPersonalData: u.canReadPersonalData ?? u.role === 'ADMIN',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type LoginOutcome =
  | { ok: true; user: { id: number; username: string; role: Role; unitId: number | null }; sessionToken: string }
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
  return { ok: true, user: { id: user.id, username: user.username, role: user.role as Role, unitId: user.unitId }, sessionToken };
}

export async function endSession(db: Db, sessionToken: string) {
  await db.deleteFrom('userSession').where('id', '=', sha256(sessionToken)).execute();
}

export async function principalFromSession(db: Db, sessionToken: string, now = new Date()): Promise<Principal | null> {
  const row = await db
    .selectFrom('userSession as s')
    .innerJoin('appUser as u', 'u.id', 's.userId')
    .select(['s.id as sessionId', 's.lastSeenAt', 's.expiresAt', 'u.id', 'u.username', 'u.role', 'u.unitId', 'u.canReadPersonalData', 'u.active'])
    .where('s.id', '=', sha256(sessionToken))
    .executeTakeFirst();
  if (!row || !row.active) return null;
  if (row.expiresAt <= now || now.getTime() - row.lastSeenAt.getTime() > SESSION_IDLE_MS) {
    await db.deleteFrom('userSession').where('id', '=', row.sessionId).execute();
    return null;
  }
  // Touch at most once a minute: a list page fires several requests and each should not write.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.updateTable('userSession').set({ lastSeenAt: now }).where('id', '=', row.sessionId).execute();
  }
  return {
    userId: row.id,
    tokenId: null,
    username: row.username,
    role: row.role as Role,
    unitId: row.unitId,
    canReadPersonalData: row.canReadPersonalData,
  };
}

export const TOKEN_PREFIX = 'rxt_';

export async function createApiToken(
  db: Db,
  t: { name: string; role: Role; unitId?: number | null; createdBy: number | null; expiresAt?: Date | null },
) {
  const token = TOKEN_PREFIX + randomSecret();
  const row = await db
    .insertInto('apiToken')
    .values({
      name: t.name,
      prefix: token.slice(0, 10),
      tokenHash: sha256(token),
      role: t.role,
      unitId: t.unitId ?? null,
      createdBy: t.createdBy,
      expiresAt: t.expiresAt ?? null,
    })
    .returning(['id', 'name', 'prefix', 'role', 'expiresAt'])
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

export async function principalFromToken(db: Db, token: string, now = new Date()): Promise<Principal | null> {
  const row = await db.selectFrom('apiToken').selectAll().where('tokenHash', '=', sha256(token)).executeTakeFirst();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.updateTable('apiToken').set({ lastUsedAt: now }).where('id', '=', row.id).execute();
  }
  return {
    userId: null,
    tokenId: row.id,
    username: `token:${row.name}`,
    role: row.role as Role,
    unitId: row.unitId,
    canReadPersonalData: false,
  };
}
