-- The years whose statutory holidays and 调休 make-up days are in work_calendar (README "Working-day calendar").
-- A year without a row still counts Monday–Friday as working days, but its due times are provisional (暂定):
-- the chinese-days package (seeds/base.ts) covers 2004–2026; later years are entered from the State Council notice.
create table calendar_year (
  year integer primary key check (year between 1900 and 2999),
  source text not null check (source in ('chinese-days', 'manual')),
  confirmed_by integer references app_user(id),   -- the administrator who entered the notice (manual)
  confirmed_at timestamptz
);
