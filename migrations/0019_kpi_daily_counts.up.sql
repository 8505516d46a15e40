-- Stored per-unit daily counts of the four indicators (domain.md §3; README "Performance"), so that a ranking or a
-- report reads hundreds of rows instead of a month of tickets and a callback probe per closed ticket.
--
-- One row per (responsible unit, Asia/Shanghai day) with the counts of domain/kpi.ts KpiCounts, each ticket counted
-- on the day of the instant that puts it in a set:
--   received_at      → received_count (repeat children included);
--   closed_at        → closed, first contact in time, R and its parts, S by the latest reached callback
--                      (repeat children excluded);
--   completion_due   → due_count and on_time_count (closed at or before the due; an open ticket is late).
-- A period made of whole Shanghai days is then a sum of days. Only D's "completion_due ≤ asOf" depends on the
-- time of asking: reports add the day of asOf itself from the tickets (reports/daily-counts.ts).
-- Days are UTC+8 without DST, as domain/time.ts counts them.
--
-- Statement-level triggers with transition tables keep the counts current in the same transaction as every change
-- of a ticket or a callback, wherever it comes from (forms, workflow, imports, bulk SQL): one aggregate upsert per
-- statement, whatever its number of rows. They run as the owner (SECURITY DEFINER), so that the counts stay whole
-- under row-level security; the application role may read them but not write them.
create table kpi_daily_count (
  unit_id integer not null references unit(id) on delete cascade,
  day date not null,
  -- The unit's street (kept current by unit_kpi_street_moved): what the row-level policy below filters on.
  street_id integer not null,
  received_count integer not null default 0,
  closed_count integer not null default 0,
  first_contact_on_time_count integer not null default 0,
  due_count integer not null default 0,
  on_time_count integer not null default 0,
  resolution_base_count integer not null default 0,
  resolved_count integer not null default 0,
  actually_resolved_count integer not null default 0,
  satisfaction_base_count integer not null default 0,
  satisfied_count integer not null default 0,
  basically_satisfied_count integer not null default 0,
  neutral_count integer not null default 0,
  unsatisfied_count integer not null default 0,
  primary key (unit_id, day)
);
create index kpi_daily_count_street_day_idx on kpi_daily_count(street_id, day);

-- The same counts by calendar month (month = its first day): a closed month of a street is 38 rows, not 38 × 30.
-- Kept from the daily rows' changes by statement triggers on kpi_daily_count, so every writer of the daily counts
-- (the ticket and callback triggers) keeps the months too.
create table kpi_monthly_count (
  unit_id integer not null references unit(id) on delete cascade,
  month date not null,
  street_id integer not null,
  received_count integer not null default 0,
  closed_count integer not null default 0,
  first_contact_on_time_count integer not null default 0,
  due_count integer not null default 0,
  on_time_count integer not null default 0,
  resolution_base_count integer not null default 0,
  resolved_count integer not null default 0,
  actually_resolved_count integer not null default 0,
  satisfaction_base_count integer not null default 0,
  satisfied_count integer not null default 0,
  basically_satisfied_count integer not null default 0,
  neutral_count integer not null default 0,
  unsatisfied_count integer not null default 0,
  primary key (unit_id, month)
);
create index kpi_monthly_count_street_month_idx on kpi_monthly_count(street_id, month);

create function kpi_monthly_sql(delta text) returns text
  language plpgsql immutable
  as $f$
begin
  return format($q$
    insert into kpi_monthly_count as m (unit_id, month, street_id, received_count, closed_count, first_contact_on_time_count, due_count, on_time_count, resolution_base_count, resolved_count, actually_resolved_count, satisfaction_base_count, satisfied_count, basically_satisfied_count, neutral_count, unsatisfied_count)
    select d.unit_id, date_trunc('month', d.day)::date, max(d.street_id), sum(d.received_count), sum(d.closed_count), sum(d.first_contact_on_time_count), sum(d.due_count), sum(d.on_time_count), sum(d.resolution_base_count), sum(d.resolved_count), sum(d.actually_resolved_count), sum(d.satisfaction_base_count), sum(d.satisfied_count), sum(d.basically_satisfied_count), sum(d.neutral_count), sum(d.unsatisfied_count)
    from (%s) d
    group by d.unit_id, date_trunc('month', d.day)::date
    having (sum(d.received_count), sum(d.closed_count), sum(d.first_contact_on_time_count), sum(d.due_count), sum(d.on_time_count), sum(d.resolution_base_count), sum(d.resolved_count), sum(d.actually_resolved_count), sum(d.satisfaction_base_count), sum(d.satisfied_count), sum(d.basically_satisfied_count), sum(d.neutral_count), sum(d.unsatisfied_count)) is distinct from (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    order by 1, 2
    on conflict (unit_id, month) do update set
      received_count = m.received_count + excluded.received_count,
      closed_count = m.closed_count + excluded.closed_count,
      first_contact_on_time_count = m.first_contact_on_time_count + excluded.first_contact_on_time_count,
      due_count = m.due_count + excluded.due_count,
      on_time_count = m.on_time_count + excluded.on_time_count,
      resolution_base_count = m.resolution_base_count + excluded.resolution_base_count,
      resolved_count = m.resolved_count + excluded.resolved_count,
      actually_resolved_count = m.actually_resolved_count + excluded.actually_resolved_count,
      satisfaction_base_count = m.satisfaction_base_count + excluded.satisfaction_base_count,
      satisfied_count = m.satisfied_count + excluded.satisfied_count,
      basically_satisfied_count = m.basically_satisfied_count + excluded.basically_satisfied_count,
      neutral_count = m.neutral_count + excluded.neutral_count,
      unsatisfied_count = m.unsatisfied_count + excluded.unsatisfied_count
  $q$, delta);
end
$f$;

create function kpi_daily_changed() returns trigger
  language plpgsql security definer set search_path from current
  as $f$
begin
  if tg_op = 'INSERT' then
    execute kpi_monthly_sql('select * from kpi_new_days');
  else
    execute kpi_monthly_sql('select n.unit_id, n.day, n.street_id, n.received_count - o.received_count as received_count, n.closed_count - o.closed_count as closed_count, n.first_contact_on_time_count - o.first_contact_on_time_count as first_contact_on_time_count, n.due_count - o.due_count as due_count, n.on_time_count - o.on_time_count as on_time_count, n.resolution_base_count - o.resolution_base_count as resolution_base_count, n.resolved_count - o.resolved_count as resolved_count, n.actually_resolved_count - o.actually_resolved_count as actually_resolved_count, n.satisfaction_base_count - o.satisfaction_base_count as satisfaction_base_count, n.satisfied_count - o.satisfied_count as satisfied_count, n.basically_satisfied_count - o.basically_satisfied_count as basically_satisfied_count, n.neutral_count - o.neutral_count as neutral_count, n.unsatisfied_count - o.unsatisfied_count as unsatisfied_count
                             from kpi_new_days n join kpi_old_days o on o.unit_id = n.unit_id and o.day = n.day');
  end if;
  return null;
end
$f$;
create trigger kpi_daily_insert after insert on kpi_daily_count
  referencing new table as kpi_new_days for each statement execute function kpi_daily_changed();
create trigger kpi_daily_update after update on kpi_daily_count
  referencing old table as kpi_old_days new table as kpi_new_days for each statement execute function kpi_daily_changed();

-- The Shanghai day of an instant.
create function kpi_day(t timestamptz) returns date
  language sql immutable parallel safe
  as $$ select ((t at time zone 'UTC') + interval '8 hours')::date $$;

-- The statement that adds the contributions of the ticket rows in `changed` (sign, ticket columns; a subquery the
-- caller writes) to the counts: `changed` lists −1 for a row's old version and +1 for its new one. S is the ticket's
-- latest reached callback as the callback table holds it now. The trigger executes it itself: transition tables are
-- visible only to the trigger function's own statements.
create function kpi_daily_sql(changed text) returns text
  language plpgsql immutable
  as $f$
begin
  return format($q$
    with facts as (
      select c.sign, c.unit_id, c.repeat_of_id is null as assessed, c.received_at, c.closed_at, c.completion_due,
             coalesce(c.first_contact_at <= c.first_contact_due, false) as first_contact_on_time,
             coalesce(c.closed_at <= c.completion_due, false) as closed_on_time,
             c.resolution,
             (c.repeat_of_id is null and c.closed_at is not null and c.resolution is not null
               and not (c.fact_finding is not distinct from 'UNFOUNDED' and c.unfounded_accepted)) as in_r,
             c.id
      from %s c
      where c.unit_id is not null
    ),
    scored as (
      select f.*, lc.result as satisfaction
      from facts f
      left join lateral (
        select cb.result from callback cb
        where cb.ticket_id = f.id and cb.reached and f.in_r
        order by cb.called_at desc, cb.id desc
        limit 1
      ) lc on true
    ),
    parts (unit_id, day, received, closed, fc, due, on_time, r, resolved, actual, sat, satisfied, basically, neutral, unsatisfied) as (
      select unit_id, kpi_day(received_at), sign, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 from scored
      union all
      select unit_id, kpi_day(closed_at), 0, sign, case when first_contact_on_time then sign else 0 end, 0, 0,
             case when in_r then sign else 0 end,
             case when in_r and resolution in ('ACTUALLY_RESOLVED', 'EXPLAINED') then sign else 0 end,
             case when in_r and resolution = 'ACTUALLY_RESOLVED' then sign else 0 end,
             case when satisfaction is not null then sign else 0 end,
             case when satisfaction = 'SATISFIED' then sign else 0 end,
             case when satisfaction = 'BASICALLY_SATISFIED' then sign else 0 end,
             case when satisfaction = 'NEUTRAL' then sign else 0 end,
             case when satisfaction = 'UNSATISFIED' then sign else 0 end
      from scored where assessed and closed_at is not null
      union all
      select unit_id, kpi_day(completion_due), 0, 0, 0, sign, case when closed_on_time then sign else 0 end, 0, 0, 0, 0, 0, 0, 0, 0
      from scored where assessed
    ),
    sums as (
      select p.unit_id, p.day, sum(received) as received, sum(closed) as closed, sum(fc) as fc, sum(due) as due,
             sum(on_time) as on_time, sum(r) as r, sum(resolved) as resolved, sum(actual) as actual, sum(sat) as sat,
             sum(satisfied) as satisfied, sum(basically) as basically, sum(neutral) as neutral, sum(unsatisfied) as unsatisfied
      from parts p group by p.unit_id, p.day
    )
    insert into kpi_daily_count as k (unit_id, day, street_id, received_count, closed_count, first_contact_on_time_count,
      due_count, on_time_count, resolution_base_count, resolved_count, actually_resolved_count, satisfaction_base_count,
      satisfied_count, basically_satisfied_count, neutral_count, unsatisfied_count)
    select s.unit_id, s.day, u.street_id, s.received, s.closed, s.fc, s.due, s.on_time, s.r, s.resolved, s.actual, s.sat,
           s.satisfied, s.basically, s.neutral, s.unsatisfied
    from sums s join unit u on u.id = s.unit_id
    where (s.received, s.closed, s.fc, s.due, s.on_time, s.r, s.resolved, s.actual, s.sat, s.satisfied, s.basically, s.neutral, s.unsatisfied)
          is distinct from (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    order by s.unit_id, s.day -- one lock order for concurrent writers
    on conflict (unit_id, day) do update set
      received_count = k.received_count + excluded.received_count,
      closed_count = k.closed_count + excluded.closed_count,
      first_contact_on_time_count = k.first_contact_on_time_count + excluded.first_contact_on_time_count,
      due_count = k.due_count + excluded.due_count,
      on_time_count = k.on_time_count + excluded.on_time_count,
      resolution_base_count = k.resolution_base_count + excluded.resolution_base_count,
      resolved_count = k.resolved_count + excluded.resolved_count,
      actually_resolved_count = k.actually_resolved_count + excluded.actually_resolved_count,
      satisfaction_base_count = k.satisfaction_base_count + excluded.satisfaction_base_count,
      satisfied_count = k.satisfied_count + excluded.satisfied_count,
      basically_satisfied_count = k.basically_satisfied_count + excluded.basically_satisfied_count,
      neutral_count = k.neutral_count + excluded.neutral_count,
      unsatisfied_count = k.unsatisfied_count + excluded.unsatisfied_count
  $q$, changed);
end
$f$;

-- The ticket columns the indicators read; an update touching none of them changes no count.
create function kpi_ticket_changed() returns trigger
  language plpgsql security definer set search_path from current
  as $f$
declare
  cols constant text := 'id, unit_id, repeat_of_id, received_at, closed_at, completion_due, first_contact_at, '
    'first_contact_due, resolution, fact_finding, unfounded_accepted';
begin
  if tg_op = 'INSERT' then
    execute kpi_daily_sql(format('(select 1 as sign, %s from kpi_new_tickets)', cols));
  elsif tg_op = 'DELETE' then
    execute kpi_daily_sql(format('(select -1 as sign, %s from kpi_old_tickets)', cols));
  else
    -- Only the rows whose indicator columns changed: −1 for the old version, +1 for the new. Most updates (status,
    -- texts, version) change none: they stop at this check, a cached plan.
    if exists (select 1 from kpi_new_tickets n join kpi_old_tickets o on o.id = n.id where (n.unit_id, n.repeat_of_id, n.received_at, n.closed_at, n.completion_due, n.first_contact_at,
                 n.first_contact_due, n.resolution, n.fact_finding, n.unfounded_accepted)
                is distinct from
                (o.unit_id, o.repeat_of_id, o.received_at, o.closed_at, o.completion_due, o.first_contact_at,
                 o.first_contact_due, o.resolution, o.fact_finding, o.unfounded_accepted)) then
      execute kpi_daily_sql(format(
        '(with moved as (
            select n.id from kpi_new_tickets n join kpi_old_tickets o on o.id = n.id
            where (n.unit_id, n.repeat_of_id, n.received_at, n.closed_at, n.completion_due, n.first_contact_at,
                   n.first_contact_due, n.resolution, n.fact_finding, n.unfounded_accepted)
                  is distinct from
                  (o.unit_id, o.repeat_of_id, o.received_at, o.closed_at, o.completion_due, o.first_contact_at,
                   o.first_contact_due, o.resolution, o.fact_finding, o.unfounded_accepted))
          select -1 as sign, %1$s from kpi_old_tickets where id in (select id from moved)
          union all
          select 1 as sign, %1$s from kpi_new_tickets where id in (select id from moved))', cols));
    end if;
  end if;
  return null;
end
$f$;

create trigger ticket_kpi_insert after insert on ticket
  referencing new table as kpi_new_tickets for each statement execute function kpi_ticket_changed();
create trigger ticket_kpi_update after update on ticket
  referencing old table as kpi_old_tickets new table as kpi_new_tickets for each statement execute function kpi_ticket_changed();
create trigger ticket_kpi_delete after delete on ticket
  referencing old table as kpi_old_tickets for each statement execute function kpi_ticket_changed();

-- A callback change moves S of its ticket: the ticket's contribution with the callbacks as they were (−1) and as
-- they are (+1). Only tickets in R can be in S, so only their closing day changes.
create function kpi_callback_changed() returns trigger
  language plpgsql security definer set search_path from current
  as $f$
declare
  before_cb text;
  touched text;
begin
  -- The callbacks of the touched tickets before the statement: today's, less the statement's new rows, plus its old ones.
  if tg_op = 'INSERT' then
    touched := 'select ticket_id from kpi_new_callbacks';
    before_cb := 'select c.id, c.ticket_id, c.called_at, c.result from callback c
                  where c.ticket_id in (select ticket_id from kpi_new_callbacks) and c.id not in (select id from kpi_new_callbacks)';
  elsif tg_op = 'DELETE' then
    touched := 'select ticket_id from kpi_old_callbacks';
    before_cb := 'select c.id, c.ticket_id, c.called_at, c.result from callback c
                  where c.ticket_id in (select ticket_id from kpi_old_callbacks)
                  union all select o.id, o.ticket_id, o.called_at, o.result from kpi_old_callbacks o';
  else
    touched := 'select ticket_id from kpi_new_callbacks union select ticket_id from kpi_old_callbacks';
    before_cb := 'select c.id, c.ticket_id, c.called_at, c.result from callback c
                  where c.ticket_id in (select ticket_id from kpi_new_callbacks union select ticket_id from kpi_old_callbacks)
                    and c.id not in (select id from kpi_new_callbacks)
                  union all select o.id, o.ticket_id, o.called_at, o.result from kpi_old_callbacks o';
  end if;
  execute format($q$
    with r as (
      select t.id, t.unit_id, kpi_day(t.closed_at) as day from ticket t
      where t.id in (%1$s) and t.unit_id is not null and t.repeat_of_id is null and t.closed_at is not null
        and t.resolution is not null and not (t.fact_finding is not distinct from 'UNFOUNDED' and t.unfounded_accepted)
    ),
    before_latest as (
      select distinct on (b.ticket_id) b.ticket_id, b.result from (%2$s) b
      where b.result in ('SATISFIED', 'BASICALLY_SATISFIED', 'NEUTRAL', 'UNSATISFIED') and b.ticket_id in (select id from r)
      order by b.ticket_id, b.called_at desc, b.id desc
    ),
    after_latest as (
      select distinct on (c.ticket_id) c.ticket_id, c.result from callback c
      where c.reached and c.ticket_id in (select id from r)
      order by c.ticket_id, c.called_at desc, c.id desc
    ),
    deltas (unit_id, day, sign, result) as (
      select r.unit_id, r.day, -1, b.result from r join before_latest b on b.ticket_id = r.id
      union all
      select r.unit_id, r.day, 1, a.result from r join after_latest a on a.ticket_id = r.id
    ),
    sums as (
      select unit_id, day, sum(sign) as sat,
             sum(sign) filter (where result = 'SATISFIED') as satisfied,
             sum(sign) filter (where result = 'BASICALLY_SATISFIED') as basically,
             sum(sign) filter (where result = 'NEUTRAL') as neutral,
             sum(sign) filter (where result = 'UNSATISFIED') as unsatisfied
      from deltas group by unit_id, day
    )
    insert into kpi_daily_count as k (unit_id, day, street_id, satisfaction_base_count, satisfied_count,
      basically_satisfied_count, neutral_count, unsatisfied_count)
    select s.unit_id, s.day, u.street_id, s.sat, coalesce(s.satisfied, 0), coalesce(s.basically, 0), coalesce(s.neutral, 0),
           coalesce(s.unsatisfied, 0)
    from sums s join unit u on u.id = s.unit_id
    where (s.sat, coalesce(s.satisfied, 0), coalesce(s.basically, 0), coalesce(s.neutral, 0), coalesce(s.unsatisfied, 0))
          is distinct from (0, 0, 0, 0, 0)
    order by s.unit_id, s.day
    on conflict (unit_id, day) do update set
      satisfaction_base_count = k.satisfaction_base_count + excluded.satisfaction_base_count,
      satisfied_count = k.satisfied_count + excluded.satisfied_count,
      basically_satisfied_count = k.basically_satisfied_count + excluded.basically_satisfied_count,
      neutral_count = k.neutral_count + excluded.neutral_count,
      unsatisfied_count = k.unsatisfied_count + excluded.unsatisfied_count
  $q$, touched, before_cb);
  return null;
end
$f$;

create trigger callback_kpi_insert after insert on callback
  referencing new table as kpi_new_callbacks for each statement execute function kpi_callback_changed();
create trigger callback_kpi_update after update on callback
  referencing old table as kpi_old_callbacks new table as kpi_new_callbacks for each statement execute function kpi_callback_changed();
create trigger callback_kpi_delete after delete on callback
  referencing old table as kpi_old_callbacks for each statement execute function kpi_callback_changed();

-- A unit moved to another street takes its counts along (the street ranking sums a street's units as they are now).
create function kpi_unit_street_moved() returns trigger
  language plpgsql security definer set search_path from current
  as $f$
begin
  update kpi_daily_count set street_id = new.street_id where unit_id = new.id;
  update kpi_monthly_count set street_id = new.street_id where unit_id = new.id;
  return null;
end
$f$;
create trigger unit_kpi_street_moved after update of street_id on unit
  for each row when (old.street_id is distinct from new.street_id) execute function kpi_unit_street_moved();

-- The counts of the tickets already there.
do $$
begin
  execute kpi_daily_sql('(select 1 as sign, id, unit_id, repeat_of_id, received_at, closed_at, completion_due, first_contact_at,
    first_contact_due, resolution, fact_finding, unfounded_accepted from ticket)');
end
$$;

-- Row-level security, written so that the planner can estimate it (README "Performance"): the scope settings become
-- a range on the column, [the setting, the setting] when set and [min, max] when not. Both bounds are stable, so
-- the planner folds them to constants when estimating (an unset scope is "all rows", not the 0.5% its guess for the
-- old `coalesce(setting, '') = '' or …` gave, which made it expect one ticket and choose nested loops) and an index
-- on the column can take them. Same rows as 0005/0015: street_id is never null, and a ticket no unit holds yet
-- stays visible only while no unit is set.
create function rexian_scope_lo(setting text) returns integer
  language sql stable parallel safe
  as $$ select coalesce(nullif(current_setting(setting, true), '')::integer, -2147483648) $$;
create function rexian_scope_hi(setting text) returns integer
  language sql stable parallel safe
  as $$ select coalesce(nullif(current_setting(setting, true), '')::integer, 2147483647) $$;

alter policy ticket_unit_scope on ticket
  using ((unit_id between rexian_scope_lo('rexian.unit_id') and rexian_scope_hi('rexian.unit_id'))
         or (unit_id is null and nullif(current_setting('rexian.unit_id', true), '') is null))
  with check ((unit_id between rexian_scope_lo('rexian.unit_id') and rexian_scope_hi('rexian.unit_id'))
         or (unit_id is null and nullif(current_setting('rexian.unit_id', true), '') is null));
alter policy ticket_street_scope on ticket
  using (street_id between rexian_scope_lo('rexian.street_id') and rexian_scope_hi('rexian.street_id'))
  with check (street_id between rexian_scope_lo('rexian.street_id') and rexian_scope_hi('rexian.street_id'));
alter policy unit_street_scope on unit
  using (street_id between rexian_scope_lo('rexian.street_id') and rexian_scope_hi('rexian.street_id'))
  with check (street_id between rexian_scope_lo('rexian.street_id') and rexian_scope_hi('rexian.street_id'));

alter table kpi_daily_count enable row level security;
create policy kpi_daily_count_scope on kpi_daily_count to public
  using (street_id between rexian_scope_lo('rexian.street_id') and rexian_scope_hi('rexian.street_id')
         and unit_id between rexian_scope_lo('rexian.unit_id') and rexian_scope_hi('rexian.unit_id'));
alter table kpi_monthly_count enable row level security;
create policy kpi_monthly_count_scope on kpi_monthly_count to public
  using (street_id between rexian_scope_lo('rexian.street_id') and rexian_scope_hi('rexian.street_id')
         and unit_id between rexian_scope_lo('rexian.unit_id') and rexian_scope_hi('rexian.unit_id'));

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'rexian_app') then
    execute 'revoke insert, update, delete, truncate on kpi_daily_count, kpi_monthly_count from rexian_app';
    execute 'grant select on kpi_daily_count, kpi_monthly_count to rexian_app';
    execute 'grant execute on function kpi_day(timestamptz), rexian_scope_lo(text), rexian_scope_hi(text) to rexian_app';
  end if;
end
$$;
