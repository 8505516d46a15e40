drop trigger if exists audit_log_chain on audit_log;
drop function if exists audit_log_chain();
drop function if exists audit_chain_hash(bytea, audit_log);
alter table audit_log drop column if exists prev_hash, drop column if exists hash;
drop sequence if exists audit_log_id_seq;
-- Back to an identity column that continues after the highest id.
do $$
declare
  next_id bigint := (select coalesce(max(id), 0) + 1 from audit_log);
begin
  execute format('alter table audit_log alter column id add generated always as identity (start with %s)', next_id);
end
$$;
