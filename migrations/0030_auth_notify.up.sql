-- The session cache (api/src/auth/sessionCache.ts): an API process answers a session or token it checked moments ago
-- without the database, and only while it listens on `rexian_auth` (api/src/live/feed.ts). Every statement that
-- changes what the check reads — sessions, accounts, tokens, and units (a handler's street is its unit's) — announces
-- its schema there (test suites share a database, one schema each); every process of that schema then forgets every
-- credential it holds. NOTIFY is delivered at commit, and not at all on rollback.
-- Bookkeeping the check writes or does not answer by is ignored, or every request would clear every cache: a
-- session's last_seen_at and a token's last_used_at (written at most once a minute per credential), an account's
-- failed_logins and locked_until (wrong passwords). The trigger's arguments name them; rows are compared whole
-- otherwise, so a column added later counts as a change.
create function rexian_notify_auth() returns trigger
  language plpgsql as $$
declare
  changed boolean := true;
  ignored text[] := coalesce(TG_ARGV, '{}'::text[]);
begin
  if TG_OP = 'INSERT' then
    execute 'select exists (select 1 from new_rows)' into changed;
  elsif TG_OP = 'DELETE' then
    execute 'select exists (select 1 from old_rows)' into changed;
  elsif TG_OP = 'UPDATE' then
    execute 'select exists (select 1 from new_rows n full join old_rows o on o.id = n.id
                            where n.id is null or o.id is null or (to_jsonb(n) - $1) is distinct from (to_jsonb(o) - $1))'
      into changed using ignored;
  end if; -- TRUNCATE: always
  if changed then
    perform pg_notify('rexian_auth', TG_TABLE_SCHEMA);
  end if;
  return null;
end
$$;

create trigger user_session_auth_insert after insert on user_session referencing new table as new_rows
  for each statement execute function rexian_notify_auth();
create trigger user_session_auth_update after update on user_session referencing new table as new_rows old table as old_rows
  for each statement execute function rexian_notify_auth('last_seen_at');
create trigger user_session_auth_delete after delete on user_session referencing old table as old_rows
  for each statement execute function rexian_notify_auth();
create trigger user_session_auth_truncate after truncate on user_session
  for each statement execute function rexian_notify_auth();

create trigger app_user_auth_insert after insert on app_user referencing new table as new_rows
  for each statement execute function rexian_notify_auth();
create trigger app_user_auth_update after update on app_user referencing new table as new_rows old table as old_rows
  for each statement execute function rexian_notify_auth('failed_logins', 'locked_until');
create trigger app_user_auth_delete after delete on app_user referencing old table as old_rows
  for each statement execute function rexian_notify_auth();
create trigger app_user_auth_truncate after truncate on app_user
  for each statement execute function rexian_notify_auth();

create trigger api_token_auth_insert after insert on api_token referencing new table as new_rows
  for each statement execute function rexian_notify_auth();
create trigger api_token_auth_update after update on api_token referencing new table as new_rows old table as old_rows
  for each statement execute function rexian_notify_auth('last_used_at');
create trigger api_token_auth_delete after delete on api_token referencing old table as old_rows
  for each statement execute function rexian_notify_auth();
create trigger api_token_auth_truncate after truncate on api_token
  for each statement execute function rexian_notify_auth();

create trigger unit_auth_update after update on unit referencing new table as new_rows old table as old_rows
  for each statement execute function rexian_notify_auth();
create trigger unit_auth_delete after delete on unit referencing old table as old_rows
  for each statement execute function rexian_notify_auth();
create trigger unit_auth_truncate after truncate on unit
  for each statement execute function rexian_notify_auth();
