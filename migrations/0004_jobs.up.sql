-- Scheduled jobs (api/src/jobs): which job ran for which day, so a rerun (another process, a restart) is a no-op;
-- the daily unsatisfied push as it was sent; the moment each ticket was first seen overdue.

create table job_run (
  job text not null,
  day date not null,               -- the Asia/Shanghai day the run is for
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  result jsonb,
  primary key (job, day)
);

-- 不满意件每日推送 (domain.md §5): one row per unit and day, addressed to the unit head (level 1) and, when
-- a ticket escalated, to the 分管领导 (level 2).
create table unsatisfied_push (
  day date not null,
  unit_id integer not null references unit(id),
  street_id integer not null references street(id),
  unit_head text,
  deputy_leader text,
  level integer not null check (level in (1, 2)),
  ticket_count integer not null,
  escalated_count integer not null,
  items jsonb not null,
  created_at timestamptz not null default now(),
  primary key (day, unit_id)
);

-- 超期: first contact or completion due passed while the ticket was open. Written once per ticket and kind.
create table ticket_overdue (
  ticket_id integer not null references ticket(id),
  kind text not null check (kind in ('FIRST_CONTACT', 'COMPLETION')),
  due_at timestamptz not null,
  flagged_at timestamptz not null default now(),
  primary key (ticket_id, kind)
);
