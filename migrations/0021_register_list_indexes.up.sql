-- The registers that grow with the tickets (a callback per closed ticket, audits, returns, extensions, warnings,
-- negative records, leader orders) list newest first by default: a (column, id) index lets `ORDER BY column, id
-- LIMIT n` read n entries in either direction instead of sorting the table (the ticket list's are in 0017).
create index if not exists callback_called_at_id_idx on callback(called_at, id);
create index if not exists closure_audit_audited_at_id_idx on closure_audit(audited_at, id);
create index if not exists return_request_requested_at_id_idx on return_request(requested_at, id);
create index if not exists extension_request_requested_at_id_idx on extension_request(requested_at, id);
create index if not exists warning_date_id_idx on warning(date, id);
create index if not exists negative_record_date_id_idx on negative_record(date, id);
create index if not exists leader_order_issued_at_id_idx on leader_order(issued_at, id);
