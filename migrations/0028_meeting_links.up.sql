-- 分级点评 (三.5) and 一事一议 (四(四)) are held at meetings (domain.md §5b): a review names the 领导小组 meeting that
-- commented on it, an escalation the meeting that decided it. Deleting a meeting that still has them is refused.
alter table escalation add column meeting_id integer references meeting(id);
alter table review add column meeting_id integer references meeting(id);
create index escalation_meeting_idx on escalation(meeting_id) where meeting_id is not null;
create index review_meeting_idx on review(meeting_id) where meeting_id is not null;
