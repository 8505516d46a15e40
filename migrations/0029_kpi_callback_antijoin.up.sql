-- A statement inserting or updating many callbacks (an import, a bulk load) made kpi_callback_changed() quadratic:
-- `c.id not in (select id from kpi_new_callbacks)` is a hashed subplan only while the transition table fits in
-- work_mem, and a plain subplan (a scan of the whole transition table per callback) past it — 1.5M callbacks ran for
-- over 10 minutes. An anti-join (not exists) is hashed or merged at any size. Same function otherwise (0019).
create or replace function kpi_callback_changed() returns trigger
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
                  where c.ticket_id in (select ticket_id from kpi_new_callbacks) and not exists (select 1 from kpi_new_callbacks n where n.id = c.id)';
  elsif tg_op = 'DELETE' then
    touched := 'select ticket_id from kpi_old_callbacks';
    before_cb := 'select c.id, c.ticket_id, c.called_at, c.result from callback c
                  where c.ticket_id in (select ticket_id from kpi_old_callbacks)
                  union all select o.id, o.ticket_id, o.called_at, o.result from kpi_old_callbacks o';
  else
    touched := 'select ticket_id from kpi_new_callbacks union select ticket_id from kpi_old_callbacks';
    before_cb := 'select c.id, c.ticket_id, c.called_at, c.result from callback c
                  where c.ticket_id in (select ticket_id from kpi_new_callbacks union select ticket_id from kpi_old_callbacks)
                    and not exists (select 1 from kpi_new_callbacks n where n.id = c.id)
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
