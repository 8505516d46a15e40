-- Live updates (issue 12 item 6): every committed change of a ticket or warning is announced on the channel
-- `rexian_changes`, whatever wrote it (a request, a job, an import, another API process), so each process's listener
-- (api/src/live) can tell its subscribers within moments. One notification per statement and table: the table, the
-- schema (test suites share a database), up to 100 row ids (null = more: "reload everything") and the streets and
-- units the rows belong to — never row contents. NOTIFY is delivered at commit, and not at all on rollback.
create function rexian_notify_changes() returns trigger
  language plpgsql as $$
declare
  payload jsonb;
begin
  execute format(
    $q$select jsonb_build_object(
         'table', %L, 'schema', %L,
         'ids', case when count(*) <= 100 then coalesce(jsonb_agg(distinct id), '[]'::jsonb) end,
         'streets', coalesce(jsonb_agg(distinct street_id) filter (where street_id is not null), '[]'::jsonb),
         'units', coalesce(jsonb_agg(distinct unit_id) filter (where unit_id is not null), '[]'::jsonb))
       from %s$q$,
    TG_TABLE_NAME, TG_TABLE_SCHEMA,
    case TG_OP
      when 'INSERT' then 'new_rows'
      when 'DELETE' then 'old_rows'
      else '(select id, street_id, unit_id from new_rows union all select id, street_id, unit_id from old_rows) r'
    end)
  into payload;
  if payload->'ids' is distinct from '[]'::jsonb then -- a statement that touched no row says nothing
    perform pg_notify('rexian_changes', payload::text);
  end if;
  return null;
end
$$;

create trigger ticket_live_insert after insert on ticket referencing new table as new_rows
  for each statement execute function rexian_notify_changes();
create trigger ticket_live_update after update on ticket referencing new table as new_rows old table as old_rows
  for each statement execute function rexian_notify_changes();
create trigger ticket_live_delete after delete on ticket referencing old table as old_rows
  for each statement execute function rexian_notify_changes();
create trigger warning_live_insert after insert on warning referencing new table as new_rows
  for each statement execute function rexian_notify_changes();
create trigger warning_live_update after update on warning referencing new table as new_rows old table as old_rows
  for each statement execute function rexian_notify_changes();
create trigger warning_live_delete after delete on warning referencing old table as old_rows
  for each statement execute function rexian_notify_changes();
