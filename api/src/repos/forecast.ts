// The counts behind the season forecast (domain/forecast.ts): one query over the street's tickets received in the
// target month one and two years back, per (topic, 居委, handling unit). The 居委 is the committee the ticket names,
// else the handling unit when that is a residential committee (peer group RESIDENTIAL).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import { monthRange } from '../domain/time';
import { monthYearsBack, type ForecastCount, type KeyPeriodSpec } from '../domain/forecast';

type Db = Kysely<Database> | Transaction<Database>;

export async function forecastCounts(db: Db, streetId: number, month: string): Promise<ForecastCount[]> {
  const [a1, a2] = monthRange(monthYearsBack(month, 1));
  const [b1, b2] = monthRange(monthYearsBack(month, 2));
  const { rows } = await sql<{ topic: string; committeeName: string | null; committeeUnitId: number | null; unitId: number | null; lastYear: number; yearBefore: number }>`
    select x.topic, x.committee_name, max(x.committee_unit_id) as committee_unit_id, x.unit_id,
           (count(*) filter (where x.received_at >= ${a1}))::int as last_year,
           (count(*) filter (where x.received_at < ${b2}))::int as year_before
    from (
      select nullif(trim(t.topic), '') as topic, t.unit_id, t.received_at,
             coalesce(cu.name, nullif(trim(t.committee_name), ''), case when u.peer_group = 'RESIDENTIAL' then u.name end) as committee_name,
             coalesce(cu.id, case when u.peer_group = 'RESIDENTIAL' then u.id end) as committee_unit_id
      from ticket t
      left join unit cu on cu.id = t.committee_unit_id
      left join unit u on u.id = t.unit_id
      where t.street_id = ${streetId}
        and ((t.received_at >= ${a1} and t.received_at < ${a2}) or (t.received_at >= ${b1} and t.received_at < ${b2}))
    ) x
    where x.topic is not null
    group by x.topic, x.committee_name, x.unit_id`.execute(db);
  return rows.map((r) => ({ ...r, lastYear: Number(r.lastYear), yearBefore: Number(r.yearBefore) }));
}

export async function keyPeriods(db: Db): Promise<KeyPeriodSpec[]> {
  return db.selectFrom('keyPeriod').select(['name', 'fromMd', 'toMd', 'topics', 'active']).where('active', '=', true).orderBy('fromMd').orderBy('id').execute();
}

/** Sub-topic → parent name (烧烤 → 餐饮油烟), so a key period naming the parent covers it. */
export async function topicParents(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('topic as t').innerJoin('topic as p', 'p.id', 't.parentId').select(['t.name as name', 'p.name as parent']).execute();
  return new Map(rows.map((r) => [r.name, r.parent]));
}
