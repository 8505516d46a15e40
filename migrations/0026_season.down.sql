drop table if exists proactive_task;
drop table if exists key_period;
