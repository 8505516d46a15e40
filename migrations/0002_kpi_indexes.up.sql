-- Indexes for the indicator and ranking reports (api/src/reports). A unit's tickets are found by the unit and one
-- of the three instants that put a ticket into a period (received, closed, due); the latest reached callback of
-- a ticket is read from the index alone.
create index ticket_unit_received_idx on ticket(unit_id, received_at);
create index ticket_unit_closed_idx on ticket(unit_id, closed_at);
create index ticket_unit_due_idx on ticket(unit_id, completion_due);
create index callback_reached_latest_idx on callback(ticket_id, called_at desc, id desc) include (result) where reached;
