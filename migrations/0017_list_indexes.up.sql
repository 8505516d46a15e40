-- Indexes for the ticket list's sorts, so that `ORDER BY <column>, id LIMIT n` reads n index entries instead of
-- sorting a street's (or the city's) tickets. The admin's 工单 list sorts by 工单编号, 受理时间 (the default, newest
-- first), 类别, 承办单位, 状态, 先行联系期限 and 办结期限; repos/crud.ts breaks ties by id in the same direction, so
-- one index (scanned backwards for DESC) serves both orders and pages stay stable.
-- A street's staff list their street's tickets (street_id = …): one (street_id, column, id) index per sort; the two
-- (street_id, column) indexes of 0001 become these wider ones (the reports use them as before).
drop index if exists ticket_street_received_idx;
drop index if exists ticket_street_due_idx;
create index ticket_street_received_id_idx on ticket(street_id, received_at, id);
create index ticket_street_completion_due_id_idx on ticket(street_id, completion_due, id);
create index ticket_street_first_contact_due_id_idx on ticket(street_id, first_contact_due, id);
create index ticket_street_number_id_idx on ticket(street_id, number, id);
create index ticket_street_category_id_idx on ticket(street_id, category, id);
create index ticket_street_unit_id_idx on ticket(street_id, unit_id, id);
create index ticket_street_status_id_idx on ticket(street_id, status, id);
-- Lists across streets (ADMIN, a district's staff) in the default order. Sorting by 工单编号 uses its unique index;
-- a unit handler's list uses ticket_unit_received_idx (0002).
create index ticket_received_id_idx on ticket(received_at, id);
