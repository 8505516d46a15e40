drop table if exists api_rate_bucket;
drop table if exists login_attempt;
