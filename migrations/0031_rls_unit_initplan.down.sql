create index if not exists ticket_unit_idx on ticket(unit_id);
alter policy ticket_unit_scope on ticket
  using ((unit_id between rexian_scope_lo('rexian.unit_id') and rexian_scope_hi('rexian.unit_id'))
         or (unit_id is null and nullif(current_setting('rexian.unit_id', true), '') is null))
  with check ((unit_id between rexian_scope_lo('rexian.unit_id') and rexian_scope_hi('rexian.unit_id'))
         or (unit_id is null and nullif(current_setting('rexian.unit_id', true), '') is null));
