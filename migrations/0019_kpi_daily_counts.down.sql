-- Back to the per-ticket reports of 0002 and the policy texts of 0005/0015.
alter policy ticket_unit_scope on ticket
  using (coalesce(current_setting('rexian.unit_id', true), '') = '' or unit_id = nullif(current_setting('rexian.unit_id', true), '')::integer)
  with check (coalesce(current_setting('rexian.unit_id', true), '') = '' or unit_id = nullif(current_setting('rexian.unit_id', true), '')::integer);
alter policy ticket_street_scope on ticket
  using (coalesce(current_setting('rexian.street_id', true), '') = '' or street_id = nullif(current_setting('rexian.street_id', true), '')::integer)
  with check (coalesce(current_setting('rexian.street_id', true), '') = '' or street_id = nullif(current_setting('rexian.street_id', true), '')::integer);
alter policy unit_street_scope on unit
  using (coalesce(current_setting('rexian.street_id', true), '') = '' or street_id = nullif(current_setting('rexian.street_id', true), '')::integer)
  with check (coalesce(current_setting('rexian.street_id', true), '') = '' or street_id = nullif(current_setting('rexian.street_id', true), '')::integer);
drop trigger if exists unit_kpi_street_moved on unit;
drop trigger if exists callback_kpi_insert on callback;
drop trigger if exists callback_kpi_update on callback;
drop trigger if exists callback_kpi_delete on callback;
drop trigger if exists ticket_kpi_insert on ticket;
drop trigger if exists ticket_kpi_update on ticket;
drop trigger if exists ticket_kpi_delete on ticket;
drop function if exists kpi_unit_street_moved();
drop function if exists kpi_callback_changed();
drop function if exists kpi_ticket_changed();
drop function if exists kpi_daily_sql(text);
drop table if exists kpi_monthly_count;
drop function if exists kpi_daily_changed() cascade;
drop function if exists kpi_monthly_sql(text);
drop table if exists kpi_daily_count;
drop function if exists rexian_scope_lo(text);
drop function if exists rexian_scope_hi(text);
drop function if exists kpi_day(timestamptz);
