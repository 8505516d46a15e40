drop trigger if exists warning_live_delete on warning;
drop trigger if exists warning_live_update on warning;
drop trigger if exists warning_live_insert on warning;
drop trigger if exists ticket_live_delete on ticket;
drop trigger if exists ticket_live_update on ticket;
drop trigger if exists ticket_live_insert on ticket;
drop function if exists rexian_notify_changes();
