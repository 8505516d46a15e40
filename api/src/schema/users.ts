// Users, sign-in and API tokens (contract.md "Authentication").
import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder';
import { requireUser, type Context } from '../context';
import { defineResource, enumType, inTransaction, objectRef, resources, toDbId, type Row } from './resource';
import { bool, dateTime, int, oneOf, ref, STREET, text, UNIT } from './fields';
import { LeaderRankEnum, RoleEnum } from './enums';
import { can, mayRevealPersonalData, RESOURCE_ACCESS, type LeaderRank, type Role } from '../auth/roles';
import { checkPasswordStrength, hashPassword } from '../auth/passwords';
import { operationsFor } from '../auth/operations';
import { beginLoginAttempt, createApiToken, endLoginAttempt, endSession, login, SESSION_ABSOLUTE_MS, streetOfAccount } from '../repos/auth';
import { accountStreet, rowScope } from '../auth/scope';
import { writeAudit } from '../repos/audit';
import { sessionCookieHeader } from '../security/cookies';
import { badInput, rateLimited, unauthenticated } from '../errors';

defineResource({
  name: 'User',
  table: 'appUser',
  label: '用户',
  fields: [
    text('username', '用户名', { required: true, search: true, maxLength: 40, createOnly: true }),
    text('displayName', '姓名', { search: true, maxLength: 50 }),
    oneOf(RoleEnum)('role', '角色', { required: true }),
    oneOf(LeaderRankEnum)('leaderRank', '领导职级'),
    ref('unit', '所属单位', UNIT),
    ref('street', '所属街镇', STREET, { createOnly: true }),
    bool('canReadPersonalData', '可查看个人信息'),
    bool('active', '启用'),
    int('failedLogins', '连续登录失败次数', { readOnly: true }),
    dateTime('lockedUntil', '锁定至', { readOnly: true }),
  ],
  extraArgs: { password: { type: 'String', required: true, label: '密码' } },
  hooks: {
    prepare: async ({ ctx, trx, op, before, values, extra }) => {
      const errors: Record<string, string> = {};
      if (op === 'create' && values.username && !/^[A-Za-z0-9_.-]{2,40}$/.test(values.username)) {
        errors.username = '用户名只能包含字母、数字和 _ . -，2 到 40 位';
      }
      if (extra.password != null) {
        const weak = checkPasswordStrength(extra.password);
        if (weak) errors.password = weak;
        else values.passwordHash = await hashPassword(extra.password);
      }
      const m = { ...(before ?? {}), ...values };
      if (m.role === 'UNIT_HANDLER' && m.unitId == null) errors.unitId = '单位经办人必须指定所属单位';
      // The account's street (domain.md §1): a street administrator creates accounts of its own street only; a
      // handler's street is its unit's (also when its unit changes).
      if (op === 'create') values.streetId = accountStreet(ctx.user, values.streetId);
      if (m.role === 'UNIT_HANDLER' && m.unitId != null) {
        values.streetId = await streetOfAccount(trx, { role: 'UNIT_HANDLER', unitId: m.unitId, streetId: op === 'create' ? values.streetId : null });
      }
      // 分管领导 / 主要领导 decide different steps (domain.md §5): only a leader has a rank, and every leader has
      // one (a new leader without one is a 分管领导; a user who stops being a leader loses it).
      if (m.role === 'LEADER') {
        if (m.leaderRank == null) values.leaderRank = 'DEPUTY';
      } else if (values.leaderRank != null && before?.role !== 'LEADER') {
        errors.leaderRank = '只有街道领导（角色为街道领导）才能设置领导职级';
      } else if (m.leaderRank != null) {
        values.leaderRank = null;
      }
      if (op === 'create') {
        values.active ??= true;
        values.canReadPersonalData ??= m.role === 'ADMIN';
      }
      if (values.active === null) values.active = true;
      if (values.canReadPersonalData === null) values.canReadPersonalData = false;
      return errors;
    },
  },
});

type Types = typeof builder.$inferSchemaTypes;

/** One resource of the role × resource matrix as it applies to the caller: the admin shows menus and buttons by it. */
const ResourcePermission = builder.objectRef<{ resource: string; read: boolean; write: boolean }>('ResourcePermission').implement({
  description: '当前用户对一类记录的权限',
  fields: (t) => ({
    resource: t.exposeString('resource', { nullable: false }),
    read: t.exposeBoolean('read', { nullable: false }),
    write: t.exposeBoolean('write', { nullable: false }),
  }),
});

/** Every registered resource, with the access its definition declares (else auth/roles.ts's matrix). */
function permissionsOf(role: Role) {
  return [...resources.values()]
    .map((spec) => ({ spec, access: spec.access ?? RESOURCE_ACCESS[spec.name] }))
    .filter((r) => r.access)
    .map(({ spec, access }) => ({ resource: spec.name, read: can(role, access!.read), write: can(role, access!.write) }))
    .sort((a, b) => a.resource.localeCompare(b.resource));
}

type MeSource = { id: number | null; username: string; role: Role; unitId: number | null; streetId: number | null; displayName: string | null; leaderRank?: LeaderRank | null; tokenId?: number | null; canReadPersonalData?: boolean };

const Me = builder.objectRef<MeSource>('Me').implement({
  fields: (t) => ({
    permissions: t.field({
      type: [ResourcePermission],
      nullable: false,
      description: '可查看（read）、可修改（write）的资源；接口仍逐次检查，这里供界面隐藏做不了的操作',
      resolve: (u) => permissionsOf(u.role),
    }),
    operations: t.stringList({
      nullable: false,
      description: '可调用的操作（如 Mutation.publishUnitRanking），来自 auth/operations.ts 的权限表；接口仍逐次检查',
      resolve: (u) =>
        operationsFor({ userId: u.id, tokenId: u.tokenId ?? null, username: u.username, role: u.role, unitId: u.unitId, streetId: u.streetId, canReadPersonalData: !!u.canReadPersonalData, leaderRank: u.leaderRank ?? null }),
    }),
    canRevealPersonalData: t.boolean({
      nullable: false,
      description: '可否填写理由查看工单的完整电话和地址（revealTicketPersonalData）',
      resolve: (u) => mayRevealPersonalData({ role: u.role, tokenId: u.tokenId ?? null, canReadPersonalData: !!u.canReadPersonalData }),
    }),
    id: t.field({ type: 'ID', resolve: (u) => (u.id == null ? null : String(u.id)) }),
    username: t.exposeString('username', { nullable: false }),
    role: t.field({ type: enumType(RoleEnum), nullable: false, resolve: (u) => u.role }),
    unitId: t.field({ type: 'ID', resolve: (u) => (u.unitId == null ? null : String(u.unitId)) }),
    streetId: t.field({ type: 'ID', description: '所属街镇；null 为全区账号（区城运中心），可查看各街镇', resolve: (u) => (u.streetId == null ? null : String(u.streetId)) }),
    street: t.field({
      type: objectRef('Street') as ObjectRef<Types, Row>,
      description: '所属街镇（全区账号为 null）',
      resolve: (u, _a, ctx: Context) => (u.streetId == null ? null : ctx.loaders.byId('street').load(u.streetId)),
    }),
    displayName: t.exposeString('displayName'),
    leaderRank: t.field({ type: enumType(LeaderRankEnum), description: '领导职级：分管领导 DEPUTY / 主要领导 MAIN（非领导为 null）', resolve: (u) => u.leaderRank ?? null }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: Me,
    description: '当前登录用户（未登录为 null）',
    resolve: async (_r, _a, ctx) => {
      if (!ctx.user) return null;
      const u = ctx.user.userId ? await ctx.loaders.byId('appUser').load(ctx.user.userId) : null;
      return { id: ctx.user.userId, username: ctx.user.username, role: ctx.user.role, unitId: ctx.user.unitId, streetId: ctx.user.streetId, displayName: (u?.displayName as string) ?? null, leaderRank: ctx.user.leaderRank ?? null, tokenId: ctx.user.tokenId, canReadPersonalData: ctx.user.canReadPersonalData };
    },
  }),
);

function sessionCookie(ctx: Context, value: string, maxAgeSeconds: number) {
  return sessionCookieHeader(ctx.secureRequest, value, maxAgeSeconds);
}

builder.mutationField('login', (t) =>
  t.field({
    type: Me,
    nullable: false,
    args: { username: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: async (_r, args, ctx) => {
      // Per client address before anything about the account is looked at: the answer is the same for any username.
      const now = ctx.now();
      const attempt = await beginLoginAttempt(ctx.db, ctx.clientAddress, now, ctx.loginThrottle);
      if ('waitSeconds' in attempt) {
        const minutes = Math.ceil(attempt.waitSeconds / 60);
        throw rateLimited(`此地址登录失败次数过多，请 ${minutes} 分钟后再试`, attempt.waitSeconds);
      }
      const outcome = args.username.length > 100 || args.password.length > 200
        ? ({ ok: false, reason: 'BAD_CREDENTIALS' } as const)
        : await login(ctx.db, args.username, args.password, now);
      await endLoginAttempt(ctx.db, attempt.attemptId, outcome.ok, now, ctx.loginThrottle);
      if (!outcome.ok) throw unauthenticated(outcome.reason === 'LOCKED' ? '登录失败次数过多，账号已临时锁定，请 15 分钟后再试' : '用户名或密码错误');
      // A fresh session on every login (no fixation); the old one, if any, ends.
      if (ctx.sessionToken) await endSession(ctx.db, ctx.sessionToken);
      ctx.setCookies.push(sessionCookie(ctx, outcome.sessionToken, SESSION_ABSOLUTE_MS / 1000));
      await writeAudit(ctx.db, { actor: { userId: outcome.user.id, tokenId: null, username: outcome.user.username, role: outcome.user.role, unitId: outcome.user.unitId, streetId: outcome.user.streetId, canReadPersonalData: false }, operation: 'login', entity: 'appUser', entityId: outcome.user.id, requestId: ctx.requestId });
      return { ...outcome.user, displayName: null };
    },
  }),
);

builder.mutationField('logout', (t) =>
  t.boolean({
    nullable: false,
    resolve: async (_r, _a, ctx) => {
      if (ctx.sessionToken) await endSession(ctx.db, ctx.sessionToken);
      ctx.setCookies.push(sessionCookie(ctx, '', 0));
      // Every mutation leaves one audit row; an anonymous logout has nobody to record.
      if (ctx.user) await writeAudit(ctx.db, { actor: ctx.user, operation: 'logout', entity: 'appUser', entityId: ctx.user.userId, requestId: ctx.requestId });
      return true;
    },
  }),
);

const ApiTokenSecret = builder.objectRef<{ id: number; name: string; prefix: string; role: string; streetId: number | null; token: string; expiresAt: Date | null }>('ApiTokenSecret').implement({
  description: '新建的接口令牌：token 只显示这一次',
  fields: (t) => ({
    id: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.id) }),
    name: t.exposeString('name', { nullable: false }),
    prefix: t.exposeString('prefix', { nullable: false }),
    role: t.field({ type: enumType(RoleEnum), nullable: false, resolve: (r) => r.role as Role }),
    streetId: t.field({ type: 'ID', description: '令牌所属街镇；null 为全区', resolve: (r) => (r.streetId == null ? null : String(r.streetId)) }),
    token: t.exposeString('token', { nullable: false }),
    expiresAt: t.field({ type: 'DateTime', resolve: (r) => r.expiresAt }),
  }),
});

builder.mutationField('createApiToken', (t) =>
  t.field({
    type: ApiTokenSecret,
    nullable: false,
    args: {
      name: t.arg.string({ required: true }),
      role: t.arg({ type: enumType(RoleEnum), required: true }),
      unitId: t.arg.id(),
      streetId: t.arg.id({ description: '令牌所属街镇；不填为全区（只有全区管理员可以）' }),
      expiresAt: t.arg({ type: 'DateTime' }),
    },
    resolve: async (_r, args, ctx) => {
      const user = requireUser(ctx); // administrators only: auth/operations.ts, at the gate
      const name = args.name.trim();
      if (!name || name.length > 100) throw badInput('令牌名称应为 1 到 100 个字', { name: '1 到 100 个字' });
      const unitId = args.unitId == null ? null : toDbId(args.unitId);
      if (args.role === 'UNIT_HANDLER' && unitId === null) throw badInput('单位经办人令牌必须指定单位', { unitId: '必填' });
      // The street argument (and the unit's) were checked against the caller's street before execution (auth/streetArgs.ts).
      const streetId = accountStreet(user, args.streetId == null ? args.streetId : toDbId(args.streetId) ?? -1);
      return inTransaction(ctx, null, async (trx) => {
        const created = await createApiToken(trx, { name, role: args.role as Role, unitId, streetId, createdBy: user.userId, expiresAt: args.expiresAt ?? null });
        await writeAudit(trx, { actor: user, operation: 'createApiToken', entity: 'apiToken', entityId: created.id, after: { name, role: args.role, prefix: created.prefix, streetId: created.streetId }, requestId: ctx.requestId });
        return created;
      });
    },
  }),
);

builder.mutationField('revokeApiToken', (t) =>
  t.boolean({
    nullable: false,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, args, ctx) => {
      const user = requireUser(ctx); // administrators only: auth/operations.ts, at the gate
      const id = toDbId(args.id);
      if (id === null) return false;
      return inTransaction(ctx, null, async (trx) => {
        // A street administrator revokes its own street's tokens only (another street's: nothing revoked).
        const r = await rowScope(ctx, 'apiToken', trx.updateTable('apiToken').set({ revokedAt: new Date() }).where('id', '=', id).where('revokedAt', 'is', null)).executeTakeFirst();
        await writeAudit(trx, { actor: user, operation: 'revokeApiToken', entity: 'apiToken', entityId: id, requestId: ctx.requestId });
        return Number(r.numUpdatedRows) > 0;
      });
    },
  }),
);
