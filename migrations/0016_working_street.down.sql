alter table app_user drop column if exists working_street_id;
