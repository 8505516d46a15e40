alter table app_user drop constraint if exists app_user_leader_rank_only_leaders;
alter table app_user drop column if exists leader_rank;
