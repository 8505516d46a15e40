// Personal data on request (domain.md §8): an explicit, reasoned reveal of a ticket's citizen phone and address,
// recorded in personal_data_access (append-only) with the reason, and in the audit log like every mutation.
import { builder } from '../builder';
import { requireUser } from '../context';
import { rowScope } from '../auth/scope';
import { badInput, notFound } from '../errors';
import { writeAudit } from '../repos/audit';
import { inTransaction, toDbId } from './resource';

const TicketPersonalData = builder
  .objectRef<{ ticketId: number; citizenName: string | null; citizenPhone: string | null; address: string | null }>('TicketPersonalData')
  .implement({
    description: '工单中的市民个人信息（未打码，查看已记录）',
    fields: (t) => ({
      ticketId: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.ticketId) }),
      citizenName: t.exposeString('citizenName'),
      citizenPhone: t.exposeString('citizenPhone'),
      address: t.exposeString('address'),
    }),
  });

builder.mutationField('revealTicketPersonalData', (t) =>
  t.field({
    type: TicketPersonalData,
    nullable: false,
    description: '查看工单的完整联系电话和地址：须填写理由，记入个人信息查看记录',
    args: { ticketId: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (_r, args, ctx) => {
      // Who may (mayRevealPersonalData: role or permission, never a token): auth/operations.ts, at the gate.
      const user = requireUser(ctx);
      const reason = args.reason.trim();
      if (reason.length < 2 || reason.length > 500) throw badInput('请填写查看理由（2 到 500 个字）', { reason: '2 到 500 个字' });
      const id = toDbId(args.ticketId);
      if (id === null) throw notFound('工单', args.ticketId);
      return inTransaction(ctx, null, async (trx) => {
        const row = await rowScope(ctx, 'ticket', trx.selectFrom('ticket').select(['id', 'citizenName', 'citizenPhone', 'address']).where('id', '=', id)).executeTakeFirst();
        if (!row) throw notFound('工单', args.ticketId);
        await trx
          .insertInto('personalDataAccess')
          .values(['citizenPhone', 'address'].map((field) => ({ userId: user.userId, ticketId: id, field, reason })))
          .execute();
        await writeAudit(trx, { actor: user, operation: 'revealTicketPersonalData', entity: 'ticket', entityId: id, after: { reason }, requestId: ctx.requestId });
        return { ticketId: row.id, citizenName: row.citizenName, citizenPhone: row.citizenPhone, address: row.address };
      });
    },
  }),
);
