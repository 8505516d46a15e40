-- The rolling window of the monthly ranking (domain.md §4): a unit (or street) with fewer than min_sample closed
-- tickets in the month is measured over the shortest window of at most rolling_months months, the month and the
-- months just before it, that reaches min_sample. 1 = no window (the month alone).
alter table scoring_scheme
  add column rolling_months integer not null default 3 check (rolling_months between 1 and 12);

-- A scheme a published ranking was computed with is frozen (its months must recompute to the same table), and
-- those rankings were computed without a window: such schemes keep the month alone. A new scheme gets the window.
update scoring_scheme set rolling_months = 1 where id in (select scheme_id from ranking_snapshot);
