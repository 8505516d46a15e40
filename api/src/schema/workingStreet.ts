// "The street being worked on" (domain.md §1): a street account always works in its own street; a district account
// (区城运中心) picks one in the admin's app bar, and the choice is remembered per user (app_user.working_street_id,
// migration 0016) so every page, sheet and picker opens on it — also after a reload or on another machine.
import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder';
import { requireUser, type Context } from '../context';
import { badInput, notFound } from '../errors';
import { writeAudit } from '../repos/audit';
import { inTransaction, objectRef, toDbId, type Row } from './resource';

const StreetObject = objectRef('Street') as ObjectRef<any, Row>;

/** The caller's own street (Principal.streetId; a unit handler's is its unit's); null: district-wide. */
export const ownStreetOf = (ctx: Context): number | null => ctx.user?.streetId ?? null;

/**
 * The street the caller works in: its own for a street account, else the one it picked (null: none picked yet,
 * or an API token, which has no user to remember a choice for).
 */
export async function workingStreetOf(ctx: Context): Promise<number | null> {
  if (!ctx.user) return null;
  const own = ownStreetOf(ctx);
  if (own != null) return own;
  if (!ctx.user.userId) return null;
  const row = await ctx.db.selectFrom('appUser').select('workingStreetId').where('id', '=', ctx.user.userId).executeTakeFirst();
  return row?.workingStreetId ?? null;
}

/** A street the caller may see, or NOT_FOUND (another street's id looks exactly like a missing one). */
async function visibleStreet(ctx: Context, raw: string): Promise<Row> {
  const id = toDbId(raw);
  const own = ownStreetOf(ctx);
  const street = id === null || (own != null && own !== id) ? null : ((await ctx.loaders.byId('street').load(id)) as Row | null);
  if (!street) throw notFound('街镇', raw.slice(0, 20));
  return street;
}

// `Me` is s1's type (schema/users.ts); the working street joins it here, by name.
builder.objectField('Me' as any, 'workingStreetId', (t: any) =>
  t.field({
    type: 'ID',
    nullable: true,
    description: '正在办理的街镇：街镇账号为本街镇；区级账号为在顶栏选择的街镇（未选择为 null）',
    resolve: async (_u: unknown, _a: unknown, ctx: Context) => {
      const id = await workingStreetOf(ctx);
      return id == null ? null : String(id);
    },
  }),
);

builder.objectField('Me' as any, 'workingStreet', (t: any) =>
  t.field({
    type: StreetObject,
    nullable: true,
    description: '正在办理的街镇（同 workingStreetId）',
    resolve: async (_u: unknown, _a: unknown, ctx: Context) => {
      const id = await workingStreetOf(ctx);
      return id == null ? null : ctx.loaders.byId('street').load(id);
    },
  }),
);

builder.mutationField('setWorkingStreet', (t) =>
  t.field({
    type: StreetObject,
    nullable: true,
    description: '区级账号选择正在办理的街镇（按用户记住；null 为取消选择）。街镇账号只能选本街镇，其他街镇为 NOT_FOUND',
    args: { streetId: t.arg.id({ required: false }) },
    resolve: async (_r, args, ctx) => {
      const user = requireUser(ctx); // people only, not tokens: auth/operations.ts, at the gate
      if (!user.userId) throw badInput('接口令牌没有正在办理的街镇', { streetId: '令牌不能选择街镇' });
      const street = args.streetId == null ? null : await visibleStreet(ctx, String(args.streetId));
      if (ownStreetOf(ctx) != null && street === null) throw badInput('街镇账号只能办理本街镇', { streetId: '必填' });
      return inTransaction(ctx, null, async (trx) => {
        const before = await trx.selectFrom('appUser').select('workingStreetId').where('id', '=', user.userId!).executeTakeFirst();
        // A street account's working street is its own street, whatever is stored: nothing to remember.
        if (ownStreetOf(ctx) == null) {
          await trx.updateTable('appUser').set({ workingStreetId: street?.id ?? null }).where('id', '=', user.userId!).execute();
        }
        await writeAudit(trx, {
          actor: user, operation: 'setWorkingStreet', entity: 'appUser', entityId: user.userId,
          before: { workingStreetId: before?.workingStreetId ?? null }, after: { workingStreetId: street?.id ?? null }, requestId: ctx.requestId,
        });
        return street;
      });
    },
  }),
);
