drop table if exists personal_data_access, audit_log, ranking_snapshot, scoring_scheme, sla_rule, work_calendar,
  undercover_sample, undercover_visit, review, escalation, discipline_referral, assistance, interview, award,
  negative_quota, negative_record, negative_item, warning, leader_order, closure_audit, return_request, callback,
  ticket_event, ticket, topic, duty_roster, pairing, api_token, user_session, app_user, role_assignment, unit,
  street, district cascade;
drop function if exists refuse_change();
