drop index if exists callback_reached_latest_idx;
drop index if exists ticket_unit_due_idx;
drop index if exists ticket_unit_closed_idx;
drop index if exists ticket_unit_received_idx;
