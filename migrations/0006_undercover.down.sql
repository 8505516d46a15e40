drop index if exists undercover_visit_street_month_idx;

alter table undercover_visit
  drop column discipline_referral_id,
  drop column negative_record_id,
  drop column recorded_by,
  drop column recorded_at,
  drop column street_id;

alter table undercover_sample
  drop constraint undercover_sample_share_check,
  drop constraint undercover_sample_month_check,
  drop column version,
  drop column drawn_by,
  drop column population;
