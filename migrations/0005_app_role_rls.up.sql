-- The application role and database-enforced rules (README "Security").
--
-- rexian_app is a non-owner role for the API to connect as (or SET ROLE to): it may read and write every table of
-- this schema, but it cannot UPDATE, DELETE or TRUNCATE the append-only tables even if the triggers were dropped,
-- and row-level security on ticket limits it to one unit when the session says so (rexian.unit_id).
-- Roles are cluster-wide; schemas (one per test suite) each grant to the same role.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'rexian_app') then
    create role rexian_app nologin;
  end if;
exception
  when duplicate_object or unique_violation then null; -- another schema's migration created it concurrently
  when insufficient_privilege then raise notice 'rexian_app not created: the migrating user lacks CREATEROLE';
end
$$;

do $$
declare
  s text := current_schema();
begin
  if not exists (select 1 from pg_roles where rolname = 'rexian_app') then
    return;
  end if;
  execute format('grant usage on schema %I to rexian_app', s);
  execute format('grant select, insert, update, delete on all tables in schema %I to rexian_app', s);
  execute format('grant usage, select on all sequences in schema %I to rexian_app', s);
  execute format('grant execute on all functions in schema %I to rexian_app', s);
  execute format('revoke all on %I.kysely_migration, %I.kysely_migration_lock from rexian_app', s, s);
  execute format('revoke update, delete, truncate on %I.audit_log, %I.ticket_event, %I.personal_data_access from rexian_app', s, s, s);
  -- Tables added by later migrations are writable by default; append-only ones must revoke like above.
  execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to rexian_app', s);
  execute format('alter default privileges in schema %I grant usage, select on sequences to rexian_app', s);
end
$$;

-- The triggers of 0001 refuse row changes; TRUNCATE of the other append-only tables is refused the same way.
create trigger ticket_event_no_truncate before truncate on ticket_event
  for each statement execute function refuse_change();
create trigger personal_data_access_no_truncate before truncate on personal_data_access
  for each statement execute function refuse_change();

-- A backstop under api/src/auth/scope.ts: with rexian.unit_id set, the application role sees and writes only that
-- unit's tickets. Unset (or empty), the policy is permissive, so staff sessions are unaffected. The owner (who runs
-- migrations, and whom the embedded PGlite connects as) bypasses row-level security.
alter table ticket enable row level security;
-- To public: every non-owner role (rexian_app above all) is subject to it; the owner is not.
create policy ticket_unit_scope on ticket to public
  using (coalesce(current_setting('rexian.unit_id', true), '') = '' or unit_id = nullif(current_setting('rexian.unit_id', true), '')::integer)
  with check (coalesce(current_setting('rexian.unit_id', true), '') = '' or unit_id = nullif(current_setting('rexian.unit_id', true), '')::integer);
