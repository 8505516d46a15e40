drop table if exists report;
