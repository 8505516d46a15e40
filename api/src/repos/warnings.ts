// Repeat early warnings (domain.md §5): derived from the tickets, refreshed whenever tickets change.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';

type Db = Kysely<Database> | Transaction<Database>;

export const YELLOW_AT = 5;
export const RED_AT = 10;

/** Recomputes the warnings of the repeat groups that contain these tickets (as master or child). */
export async function refreshWarningsForTickets(db: Db, ticketIds: number[]) {
  if (!ticketIds.length) return;
  const roots = await db
    .selectFrom('ticket')
    .select((eb) => eb.fn.coalesce('repeatOfId', 'id').as('root'))
    .where('id', 'in', ticketIds)
    .execute();
  await refreshWarningsForGroups(db, [...new Set(roots.map((r) => Number(r.root)))]);
}

export async function refreshWarningsForGroups(db: Db, rootIds: number[], now = new Date()) {
  if (!rootIds.length) return;
  // Per group and Shanghai calendar day: the tickets received that day, master included. Days reaching the
  // threshold are upserted; the groups' other warning days (tickets unmerged) are deleted — one statement.
  await sql`
    with daily as (
      select m.root, (m.received_at at time zone 'Asia/Shanghai')::date as day, count(*)::int as n
      from ${groupMembers(rootIds)} m
      group by 1, 2
    ), upserted as (
      insert into warning (street_id, master_ticket_id, unit_id, date, level, count)
      select m.street_id, d.root, m.unit_id, d.day, case when d.n >= ${RED_AT} then 'RED' else 'YELLOW' end, d.n
      from daily d join ticket m on m.id = d.root
      where d.n >= ${YELLOW_AT}
      on conflict (master_ticket_id, date) do update
        set level = excluded.level, count = excluded.count, unit_id = excluded.unit_id, updated_at = now()
        where warning.level is distinct from excluded.level or warning.count is distinct from excluded.count
           or warning.unit_id is distinct from excluded.unit_id
    )
    delete from warning w
    where w.master_ticket_id = any(${rootIds}::int[])
      and not exists (select 1 from daily d where d.root = w.master_ticket_id and d.day = w.date and d.n >= ${YELLOW_AT})`.execute(db);
  await updateWarningStates(db, rootIds, now);
}

/**
 * The tickets of these repeat groups with their group's root: the masters themselves and their children. Two
 * index lookups (ticket id, repeat_of_id) instead of `coalesce(repeat_of_id, id) in (…)`, which no index serves —
 * a scan of every ticket, per statement. The roots go in as one array parameter, whatever their number.
 * `= any(array)`, not `in (select unnest(array))`: the statements using this are writes, planned with their values
 * (db/prepared.ts prepares selects only), so the array is a constant — an index condition or a hashed filter. The
 * semi-join was at the planner's mercy: on a street just imported (no statistics yet, and the row-level policies'
 * ranges) it expected one ticket and rescanned the list for each of them — 8.6 s of a 20k-row import as rexian_app.
 */
function groupMembers(rootIds: number[]) {
  return sql`(
    select t.id as root, t.received_at, t.status, t.completion_due from ticket t
    where t.id = any(${rootIds}::int[]) and t.repeat_of_id is null
    union all
    select t.repeat_of_id, t.received_at, t.status, t.completion_due from ticket t
    where t.repeat_of_id = any(${rootIds}::int[]))`;
}

/** A warning stays open until its group's tickets are all closed; one open past its due goes to special study. */
export async function updateWarningStates(db: Db, rootIds: number[] | null, now = new Date()) {
  if (rootIds && !rootIds.length) return;
  const members = rootIds
    ? groupMembers(rootIds)
    : sql`(select coalesce(t.repeat_of_id, t.id) as root, t.status, t.completion_due from ticket t
           where exists (select 1 from warning x where x.master_ticket_id = coalesce(t.repeat_of_id, t.id)))`;
  await sql`
    update warning w set
      status = case when g.open_count = 0 then 'CLOSED' when w.status = 'CLOSED' then 'OPEN' else w.status end,
      closed_at = case when g.open_count = 0 then coalesce(w.closed_at, ${now}) else null end,
      special_study = w.special_study or (g.open_count > 0 and g.overdue_count > 0),
      updated_at = now()
    from (
      select m.root,
             count(*) filter (where m.status <> 'CLOSED') as open_count,
             count(*) filter (where m.status <> 'CLOSED' and m.completion_due < ${now}) as overdue_count
      from ${members} m group by 1
    ) g
    where g.root = w.master_ticket_id
      and (w.status is distinct from (case when g.open_count = 0 then 'CLOSED' when w.status = 'CLOSED' then 'OPEN' else w.status end)
           or w.special_study is distinct from (w.special_study or (g.open_count > 0 and g.overdue_count > 0)))`.execute(db);
}
