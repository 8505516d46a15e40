drop table if exists warning_digest;
drop table if exists quota_confirmation;
drop table if exists late_acceptance;
alter table scoring_scheme drop column if exists accept_within_workdays;
alter table ticket drop column if exists completion_note, drop column if exists leader_user_id, drop column if exists leader_instruction;
alter table return_request drop column if exists discipline_filed_at, drop column if exists discipline_filed_by;
