-- Accounts and tokens belong to a street or to the district (domain.md §1, §8; README "Security: street boundary").
-- street_id null = the district (区城运中心: every street); a number = that street's staff, who see only its rows.
alter table app_user add column street_id integer references street(id);
alter table api_token add column street_id integer references street(id);
create index app_user_street_idx on app_user(street_id);
create index api_token_street_idx on api_token(street_id);

-- A UNIT_HANDLER (account or token) belongs to its unit's street.
update app_user u set street_id = un.street_id from unit un where un.id = u.unit_id and u.role = 'UNIT_HANDLER';
update api_token t set street_id = un.street_id from unit un where un.id = t.unit_id and t.role = 'UNIT_HANDLER';

-- The database's backstop under api/src/auth/scope.ts, like 0005's rexian.unit_id: with rexian.street_id set, the
-- application role sees and writes only that street's units and tickets. Unset (or empty) it is permissive. The
-- ticket policy is RESTRICTIVE so that it narrows 0005's (permissive) unit policy instead of widening it.
alter table unit enable row level security;
create policy unit_street_scope on unit to public
  using (coalesce(current_setting('rexian.street_id', true), '') = '' or street_id = nullif(current_setting('rexian.street_id', true), '')::integer)
  with check (coalesce(current_setting('rexian.street_id', true), '') = '' or street_id = nullif(current_setting('rexian.street_id', true), '')::integer);
create policy ticket_street_scope on ticket as restrictive to public
  using (coalesce(current_setting('rexian.street_id', true), '') = '' or street_id = nullif(current_setting('rexian.street_id', true), '')::integer)
  with check (coalesce(current_setting('rexian.street_id', true), '') = '' or street_id = nullif(current_setting('rexian.street_id', true), '')::integer);
