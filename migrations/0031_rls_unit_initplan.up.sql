-- The unit policy of ticket (0005, rewritten by 0019) cost more than the count it guarded: for every row it read
-- the rexian.unit_id setting twice (current_setting, nullif, a cast, per bound), about 0.2 µs a row — a street
-- clerk's count of its 28k tickets took 6.4 ms instead of 3 ms, a district's count of 1M 297 ms instead of 88 ms.
-- Now the setting is read once per statement: each read is an uncorrelated sub-select (an InitPlan, evaluated once),
-- and the row's test is a CASE on the two results. Same rows as before: no unit set (unset or empty) sees every
-- ticket, a unit's ticket with it set only that unit's (a ticket no unit holds yet is hidden then, as the CASE's
-- null is not true).
-- Estimates: the planner takes the CASE for half the rows whatever the setting (unit-confined reads also filter on
-- unit_id themselves, api/src/auth/scope.ts, which it estimates). Halving is harmless; the street policy, which
-- decides the plans of a street's reads, stays a range the planner folds and an index can take (0019).
alter policy ticket_unit_scope on ticket
  using (case when (select coalesce(current_setting('rexian.unit_id', true), '') = '') then true
              else unit_id = (select nullif(current_setting('rexian.unit_id', true), '')::integer) end)
  with check (case when (select coalesce(current_setting('rexian.unit_id', true), '') = '') then true
              else unit_id = (select nullif(current_setting('rexian.unit_id', true), '')::integer) end);

-- (unit_id) alone is led by three other indexes (unit_id, closed_at | completion_due | received_at), which serve the
-- same lookups and the foreign key's checks; one index less for every ticket write (an import's upsert above all).
drop index if exists ticket_unit_idx;
