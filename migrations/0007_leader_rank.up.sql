-- 分管领导 vs 主要领导 (domain.md §5 return chain, repeat warnings): one LEADER role, ranked. The 城运分管领导
-- (DEPUTY) takes the first level of a return decision and gets YELLOW/RED warnings and level-2 unsatisfied
-- pushes; the 街道主要领导 (MAIN) alone approves AWAITING_MAIN_LEADER returns and gets RED warnings and the
-- special-study flags. Non-leaders have no rank. Existing leaders did the first level until now: DEPUTY.
alter table app_user add column leader_rank text check (leader_rank in ('DEPUTY', 'MAIN'));
update app_user set leader_rank = 'DEPUTY' where role = 'LEADER';
alter table app_user add constraint app_user_leader_rank_only_leaders check (leader_rank is null or role = 'LEADER');
