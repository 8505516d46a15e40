drop policy if exists ticket_street_scope on ticket;
drop policy if exists unit_street_scope on unit;
alter table unit disable row level security;
drop index if exists api_token_street_idx;
drop index if exists app_user_street_idx;
alter table api_token drop column if exists street_id;
alter table app_user drop column if exists street_id;
