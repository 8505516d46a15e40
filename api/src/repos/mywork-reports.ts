// 我的待办 for OPS (and ADMIN): reports the scheduled jobs generated in the last 7 days (domain.md §5b "Scheduled
// ones … appear on 我的待办 of the OPS clerk"), newest first; each opens the report's page.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types';
import { KIND_LABEL, type BuildableKind } from '../reports/content';
import type { WorkSection } from './mywork';

type Db = Kysely<Database> | Transaction<Database>;

export const NEW_REPORT_DAYS = 7;

/** `streetId`: the caller's street; null = every street. */
export async function newReportsSection(db: Db, streetId: number | null, now: Date, limit: number): Promise<WorkSection> {
  let q = db
    .selectFrom('report')
    .leftJoin('street', 'street.id', 'report.streetId')
    .where('report.createdBy', 'is', null)
    .where('report.createdAt', '>', new Date(now.getTime() - NEW_REPORT_DAYS * 86_400_000))
    .where('report.createdAt', '<=', now);
  if (streetId !== null) q = q.where('report.streetId', '=', streetId);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['report.id', 'report.kind', 'report.period', 'report.version', 'report.createdAt', 'street.name as streetName'])
    .orderBy('report.createdAt', 'desc')
    .orderBy('report.id', 'desc')
    .limit(limit)
    .execute();
  return {
    key: 'newReports',
    resource: 'Report',
    count: Number(n),
    items: rows.map((r) => ({
      resource: 'Report',
      id: r.id,
      ticketId: null,
      ticketNumber: null,
      title: `${streetId === null ? `${r.streetName ?? '全区'} · ` : ''}${KIND_LABEL[r.kind as BuildableKind] ?? r.kind} ${r.period} 已生成`,
      unitId: null,
      due: null,
      since: r.createdAt,
      // A district account's list names the street (a district-wide report: none).
      parts: { kind: 'NEW_REPORT', reportKind: r.kind, period: r.period, streetName: streetId === null ? (r.streetName ?? null) : null },
    })),
  };
}
