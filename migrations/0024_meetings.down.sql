drop table if exists meeting_decision;
drop table if exists meeting;
