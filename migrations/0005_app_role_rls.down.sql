drop policy if exists ticket_unit_scope on ticket;
alter table ticket disable row level security;
drop trigger if exists personal_data_access_no_truncate on personal_data_access;
drop trigger if exists ticket_event_no_truncate on ticket_event;
do $$
declare
  s text := current_schema();
begin
  if exists (select 1 from pg_roles where rolname = 'rexian_app') then
    execute format('alter default privileges in schema %I revoke all on tables from rexian_app', s);
    execute format('alter default privileges in schema %I revoke all on sequences from rexian_app', s);
    execute format('revoke all on all tables in schema %I from rexian_app', s);
    execute format('revoke all on all sequences in schema %I from rexian_app', s);
    execute format('revoke all on all functions in schema %I from rexian_app', s);
    execute format('revoke usage on schema %I from rexian_app', s);
  end if;
end
$$;
-- The role itself stays: it is cluster-wide and other schemas or databases may still use it.
