-- A tamper-evident audit log (README "Security", Audit): each row carries prev_hash and
-- hash = sha256(prev_hash || canonical content), chained in id order and computed by the database for every writer.
-- Editing, deleting, reordering or inserting a row in the middle breaks the chain at that point (api/src/security/
-- auditChain.ts walks it; `pnpm rexian audit verify`). Whoever may disable triggers can still rewrite the chain
-- from the change onwards: only a head hash recorded outside the database (`audit verify --expect`) catches that.

alter table audit_log add column prev_hash bytea, add column hash bytea;

-- Ids are drawn by the chain trigger under its lock, so id order is chain order even under concurrent inserts, and a
-- client can no longer choose an id (OVERRIDING SYSTEM VALUE) to slip a row into the middle.
alter table audit_log alter column id drop identity;
create sequence audit_log_id_seq owned by audit_log.id;
select setval('audit_log_id_seq', coalesce((select max(id) from audit_log), 0) + 1, false);

-- The canonical serialization: a JSON array of the content columns (jsonb's text form is normalized: key order,
-- spacing), with `at` as integer microseconds since the epoch so the session's TimeZone does not matter.
-- api/src/security/auditChain.ts repeats this expression on purpose, so verification does not trust this function.
create function audit_chain_hash(prev bytea, a audit_log) returns bytea language sql stable as $$
  select sha256(prev || convert_to(jsonb_build_array(
    a.id, (extract(epoch from a.at) * 1000000)::bigint, a.actor_user_id, a.actor_label, a.operation,
    a.entity, a.entity_id, a.before, a.after, a.request_id)::text, 'UTF8'))
$$;

-- Existing rows, in id order, in one pass, written back 10 000 at a time (about 0.1 ms a row on PGlite, 5 000 rows
-- in 0.2 s on PostgreSQL; the hashing and the rewrite of each row cost about the same).
alter table audit_log disable trigger audit_log_append_only;
do $$
declare
  r audit_log%rowtype;
  prev bytea := decode(repeat('00', 32), 'hex');
  h bytea;
  ids bigint[] := '{}';
  prevs bytea[] := '{}';
  hashes bytea[] := '{}';
begin
  for r in select * from audit_log order by id loop
    h := audit_chain_hash(prev, r);
    ids := ids || r.id;
    prevs := prevs || prev;
    hashes := hashes || h;
    prev := h;
    if cardinality(ids) >= 10000 then
      update audit_log a set prev_hash = x.p, hash = x.h from unnest(ids, prevs, hashes) as x(id, p, h) where a.id = x.id;
      ids := '{}'; prevs := '{}'; hashes := '{}';
    end if;
  end loop;
  update audit_log a set prev_hash = x.p, hash = x.h from unnest(ids, prevs, hashes) as x(id, p, h) where a.id = x.id;
end
$$;
alter table audit_log enable trigger audit_log_append_only;
alter table audit_log alter column prev_hash set not null, alter column hash set not null;

-- Every insert, whoever makes it, is chained here; whatever the client passed for id, at, prev_hash and hash is
-- overwritten. The advisory lock (one per schema) is held until commit, so inserts into the chain are serialized:
-- the next writer reads the head only after the previous one committed (or rolled back).
create function audit_log_chain() returns trigger language plpgsql as $$
declare
  prev bytea;
begin
  perform pg_advisory_xact_lock(hashtext('rexian-audit-chain'), hashtext(tg_table_schema));
  select hash into prev from audit_log order by id desc limit 1;
  new.id := nextval('audit_log_id_seq');
  new.at := now();
  new.prev_hash := coalesce(prev, decode(repeat('00', 32), 'hex'));
  new.hash := audit_chain_hash(new.prev_hash, new);
  return new;
end
$$;
create trigger audit_log_chain before insert on audit_log for each row execute function audit_log_chain();

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'rexian_app') then
    execute format('grant usage on sequence %I.audit_log_id_seq to rexian_app', current_schema());
    execute format('grant execute on function %I.audit_log_chain(), %I.audit_chain_hash(bytea, audit_log) to rexian_app', current_schema(), current_schema());
  end if;
end
$$;
