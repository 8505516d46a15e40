alter table review drop column if exists meeting_id;
alter table escalation drop column if exists meeting_id;
