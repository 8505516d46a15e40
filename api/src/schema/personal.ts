// Personal data on request (domain.md §8): an explicit, reasoned reveal of a ticket's citizen phone and address,
// recorded in personal_data_access (append-only) with the reason, and in the audit log like every mutation.
import { builder } from '../builder';
import { requireUser, type Context } from '../context';
import { rowScope } from '../auth/scope';
import { badInput, notFound } from '../errors';
import { scrubForAudit, writeAudit } from '../repos/audit';
import { maskAddress, maskFreeText, maskPhone, restoreMaskedText, searchMayRevealPersonalData } from '../domain/personal';
import { json, text } from './fields';
import { inTransaction, toDbId, type FieldSpec, type Row } from './resource';

// ——— Free text of a ticket and its records (诉求内容, 答复, 回访备注, 审核意见 …) ———

type TicketKey = 'id' | 'ticketId';

/** The address whose house number a record's texts may repeat: the ticket's own, or its ticket's. */
async function addressFor(ctx: Context, r: Row, ticketKey: TicketKey): Promise<string | null> {
  if (ticketKey === 'id') return (r.address as string | null) ?? null;
  if (r.ticketId == null) return null;
  const ticket = (await ctx.loaders.byId('ticket').load(r.ticketId)) as Row | null;
  return (ticket?.address as string | null) ?? null;
}

/**
 * The one place a free text is shown: phone and house numbers masked like citizenPhone and address for a reader
 * without the personal-data permission; shown and logged (personal_data_access) for one with it, when there is
 * anything to hide.
 */
export async function freeTextFor(ctx: Context, r: Row, field: string, ticketKey: TicketKey, table: string): Promise<string | null> {
  const value = r[field] as string | null | undefined;
  if (!value) return value ?? null;
  const masked = maskFreeText(value, { address: await addressFor(ctx, r, ticketKey) });
  if (masked === value) return value;
  if (!ctx.user?.canReadPersonalData) return masked;
  const ticketId = ticketKey === 'id' ? r.id : r.ticketId;
  await ctx.loaders.personalDataRead.load(`${ticketId}:${table === 'ticket' ? field : `${table}.${field}`}`);
  return value;
}

/** A JSON column with texts in it (a closure audit's eight checks and their notes), masked like freeTextFor. */
export async function freeJsonFor(ctx: Context, r: Row, field: string, table: string): Promise<unknown> {
  const value = r[field];
  if (value == null) return value ?? null;
  const masked = scrubForAudit(value, 0, { address: await addressFor(ctx, r, 'ticketId') });
  if (JSON.stringify(masked) === JSON.stringify(value)) return value;
  if (!ctx.user?.canReadPersonalData) return masked;
  await ctx.loaders.personalDataRead.load(`${r.ticketId}:${table}.${field}`);
  return value;
}

/** A term with digits could match a masked phone or house number: such a search skips these fields for the reader. */
const searchableFor = (ctx: Context, term: string) => !!ctx.user?.canReadPersonalData || !searchMayRevealPersonalData(term);

/** A free-text field of a ticket (`ticketKey: 'id'`) or of a record that belongs to one (`'ticketId'`). */
export function personalText(table: string, ticketKey: TicketKey) {
  return (name: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec =>
    text(name, label, {
      ...extra,
      resolve: (r, ctx) => freeTextFor(ctx, r, name, ticketKey, table),
      searchableFor,
      reads: [ticketKey === 'id' ? 'address' : 'ticketId'], // the address its masks need (schema/resource-read.ts)
    });
}

/** The closure audit's checks (JSON with a note per check). */
export const personalChecks = (name: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec =>
  json(name, label, { ...extra, resolve: (r, ctx) => freeJsonFor(ctx, r, name, 'closureAudit') });

/**
 * A reader who saw masked values and sends the record back (the admin's form does) must not overwrite the hidden
 * parts: a masked phone or address is no change, and masks left in an edited text get back what they hid.
 */
export function keepHiddenPersonalData(ctx: Context, before: Row, values: Record<string, any>, freeTextFields: readonly string[]) {
  if (ctx.user?.canReadPersonalData) return;
  if (values.citizenPhone != null && values.citizenPhone !== before.citizenPhone && values.citizenPhone === maskPhone(before.citizenPhone)) delete values.citizenPhone;
  if (values.address != null && values.address !== before.address && values.address === maskAddress(before.address)) delete values.address;
  const context = { address: before.address as string | null };
  for (const f of freeTextFields) {
    if (typeof values[f] !== 'string' || typeof before[f] !== 'string') continue;
    values[f] = restoreMaskedText(values[f], before[f], context);
  }
}

/** A ticket's texts that may repeat the phone or house number (Ticket fields masked through personalText). */
const TICKET_TEXTS = ['content', 'demand', 'siteVisit', 'replyText', 'factBasis'] as const;
type TicketTexts = Record<(typeof TICKET_TEXTS)[number], string | null>;

const TicketPersonalData = builder
  .objectRef<{ ticketId: number; citizenName: string | null; citizenPhone: string | null; address: string | null } & TicketTexts>('TicketPersonalData')
  .implement({
    description: '工单中的市民个人信息（未打码，查看已记录）',
    fields: (t) => ({
      ticketId: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.ticketId) }),
      citizenName: t.exposeString('citizenName'),
      citizenPhone: t.exposeString('citizenPhone'),
      address: t.exposeString('address'),
      content: t.exposeString('content', { description: '诉求内容（未打码）' }),
      demand: t.exposeString('demand', { description: '诉求认定（未打码）' }),
      siteVisit: t.exposeString('siteVisit', { description: '现场处置情况（未打码）' }),
      replyText: t.exposeString('replyText', { description: '答复内容（未打码）' }),
      factBasis: t.exposeString('factBasis', { description: '认定依据（未打码）' }),
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
        const row = await rowScope(ctx, 'ticket', trx.selectFrom('ticket').select(['id', 'citizenName', 'citizenPhone', 'address', ...TICKET_TEXTS]).where('id', '=', id)).executeTakeFirst();
        if (!row) throw notFound('工单', args.ticketId);
        // The texts are logged only when they hold something masked (a phone or house number).
        const texts = TICKET_TEXTS.filter((f) => row[f] && maskFreeText(row[f], { address: row.address }) !== row[f]);
        await trx
          .insertInto('personalDataAccess')
          .values(['citizenPhone', 'address', ...texts].map((field) => ({ userId: user.userId, ticketId: id, field, reason })))
          .execute();
        await writeAudit(trx, { actor: user, operation: 'revealTicketPersonalData', entity: 'ticket', entityId: id, after: { reason }, requestId: ctx.requestId });
        return { ...row, ticketId: row.id };
      });
    },
  }),
);
