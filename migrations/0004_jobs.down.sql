drop table if exists ticket_overdue;
drop table if exists unsatisfied_push;
drop table if exists job_run;
