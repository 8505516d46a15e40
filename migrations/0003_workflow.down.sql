alter table return_request drop column if exists main_leader_note;
drop index if exists leader_order_ticket_idx;
alter table leader_order
  drop constraint if exists leader_order_completion_note_check,
  drop column if exists completed_by,
  drop column if exists issued_by;
drop index if exists return_request_open_uq;
drop table if exists extension_request;
