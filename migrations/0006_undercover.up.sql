-- 暗访 of UNFOUNDED tickets (domain.md §5): the monthly sample keeps what reproduces it (seed, share) and the
-- population size it was drawn from; a visit keeps the consequences its overturned finding wrote, so recording it
-- again never writes them twice.

alter table undercover_sample
  add column population integer not null default 0 check (population >= 0),
  add column drawn_by text,
  add column version integer not null default 1,
  add constraint undercover_sample_month_check check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  add constraint undercover_sample_share_check check (share > 0 and share <= 1);

alter table undercover_visit
  add column street_id integer references street(id),
  add column recorded_at timestamptz,
  add column recorded_by text,
  add column negative_record_id integer unique references negative_record(id),
  add column discipline_referral_id integer unique references discipline_referral(id);

-- Visits made before this migration belong to their ticket's street.
update undercover_visit v set street_id = t.street_id from ticket t where t.id = v.ticket_id;

create index undercover_visit_street_month_idx on undercover_visit(street_id, month);
