// Flags on the registers (domain.md §1 and §6): negative quotas against their counts, units without a current
// A or B handler. Read-only SQL, shared by the sheet pages and anything else that wants the flags.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import { monthRange } from '../domain/time';

type Db = Kysely<Database> | Transaction<Database>;

/** Indicators the system can count itself; a quota on any other indicator is listed without a count. */
export const COUNTED_INDICATORS = ['不满意件', '重复件'] as const;

export interface QuotaStatusRow { unitId: number; indicator: string; allowed: number; count: number | null; exceeded: boolean }

/**
 * Each quota of the street's units for the month with its count: 不满意件 = the unit's tickets whose latest
 * reached callback of the month is UNSATISFIED; 重复件 = the unit's repeat children received in the month.
 */
export async function negativeQuotaStatus(db: Db, streetId: number, month: string): Promise<QuotaStatusRow[]> {
  const [start, end] = monthRange(month);
  const { rows } = await sql<{ unitId: number; indicator: string; allowed: number; count: number | null }>`
    with latest as (
      select distinct on (c.ticket_id) c.ticket_id, c.result
      from callback c
      where c.reached and c.called_at >= ${start} and c.called_at < ${end}
      order by c.ticket_id, c.called_at desc, c.id desc
    ),
    unsatisfied as (
      select t.unit_id, count(*)::int as n from latest l join ticket t on t.id = l.ticket_id
      where l.result = 'UNSATISFIED' group by t.unit_id
    ),
    repeats as (
      select t.unit_id, count(*)::int as n from ticket t
      where t.repeat_of_id is not null and t.received_at >= ${start} and t.received_at < ${end} group by t.unit_id
    )
    select q.unit_id as "unitId", q.indicator, q.allowed,
      case q.indicator when '不满意件' then coalesce(u2.n, 0) when '重复件' then coalesce(r.n, 0) end as count
    from negative_quota q
    join unit u on u.id = q.unit_id
    left join unsatisfied u2 on u2.unit_id = q.unit_id
    left join repeats r on r.unit_id = q.unit_id
    where u.street_id = ${streetId} and q.month = ${month}
    order by u.code, q.indicator
  `.execute(db);
  return rows.map((r) => ({ ...r, count: r.count == null ? null : Number(r.count), exceeded: r.count != null && Number(r.count) > r.allowed }));
}

export interface MissingRolesRow { unitId: number; missingA: boolean; missingB: boolean }

/** Active units of the street without a current (effective today, not closed) A or B filing. */
export async function unitsMissingRoles(db: Db, streetId: number, today: string): Promise<MissingRolesRow[]> {
  const { rows } = await sql<{ unitId: number; hasA: boolean; hasB: boolean }>`
    select u.id as "unitId",
      exists (select 1 from role_assignment r where r.unit_id = u.id and r.role = 'A' and r.effective_from <= ${today}::date
              and (r.effective_to is null or r.effective_to > ${today}::date)) as "hasA",
      exists (select 1 from role_assignment r where r.unit_id = u.id and r.role = 'B' and r.effective_from <= ${today}::date
              and (r.effective_to is null or r.effective_to > ${today}::date)) as "hasB"
    from unit u
    where u.street_id = ${streetId} and u.active
    order by u.code
  `.execute(db);
  return rows.filter((r) => !r.hasA || !r.hasB).map((r) => ({ unitId: r.unitId, missingA: !r.hasA, missingB: !r.hasB }));
}
