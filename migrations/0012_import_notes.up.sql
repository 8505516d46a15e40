-- Data-quality notes of the city import (domain.md §7): times out of their usual order (first contact after closure,
-- a callback before closure…) are stored as the city recorded them, and the notes say what is odd so a clerk can
-- query them with the city. One array per ticket, replaced by each import that reads the row: re-importing the
-- same file leaves it equal (unchanged), never appends duplicates.
alter table ticket add column import_notes text[] not null default '{}';
