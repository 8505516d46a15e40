drop index if exists callback_called_at_id_idx;
drop index if exists closure_audit_audited_at_id_idx;
drop index if exists return_request_requested_at_id_idx;
drop index if exists extension_request_requested_at_id_idx;
drop index if exists warning_date_id_idx;
drop index if exists negative_record_date_id_idx;
drop index if exists leader_order_issued_at_id_idx;
