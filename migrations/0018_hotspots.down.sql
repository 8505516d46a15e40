drop table if exists hotspot_day;
drop table if exists hotspot_warning;
drop table if exists ticket_road;
alter table scoring_scheme drop column if exists hotspot_ratio, drop column if exists hotspot_min;
