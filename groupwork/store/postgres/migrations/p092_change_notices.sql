-- Issue 22: home's change mark on the agency server (store/postgres/change_notices.py).
--
-- After every statement that writes a group, a session or a task, the server sends an empty
-- notice on the channel "groupwork_changed". A running app listens on its connection and
-- counts the notices it has been sent, without a round trip: when none came since home read
-- its groups, home has nothing new to show and does not ask the server again (one query and
-- one round trip saved on each return to home; SQLite's mark is PRAGMA data_version).
--
-- - Invoker's rights and an empty search path, the one call named with its schema: nothing a
--   login makes (a temporary table or function) stands in for it, and it runs as whoever
--   wrote, which may send a notice anyway (NOTIFY needs no right).
-- - The notice is empty: it says that some group, session or task changed, never which. Any
--   listening login learns only when a write happened (docs/agency.md).
-- - Per statement, not per row: an import of a thousand tasks sends one notice, and
--   PostgreSQL folds the notices of one transaction into one.
-- - A login that sends one itself on this channel only makes running apps read again.
CREATE FUNCTION public.groupwork_note_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = '' AS $fn$
BEGIN
    PERFORM pg_catalog.pg_notify('groupwork_changed', '');
    RETURN NULL;
END
$fn$;
REVOKE ALL ON FUNCTION public.groupwork_note_change() FROM PUBLIC;

CREATE TRIGGER groups_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.groups
    FOR EACH STATEMENT EXECUTE FUNCTION public.groupwork_note_change();
CREATE TRIGGER sessions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.sessions
    FOR EACH STATEMENT EXECUTE FUNCTION public.groupwork_note_change();
CREATE TRIGGER tasks_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.tasks
    FOR EACH STATEMENT EXECUTE FUNCTION public.groupwork_note_change();
