-- The street a district account works in (domain.md §1): the app bar's switcher remembers it per user, so the
-- dashboard, the ranking, the sheets and the pickers open on it after a reload or on another machine. A street
-- account always works in its own street and leaves this null. A deleted street forgets the choice.
alter table app_user
  add column working_street_id integer references street(id) on delete set null;
