alter table scoring_scheme drop column if exists rolling_months;
