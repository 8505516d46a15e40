drop table if exists calendar_year;
