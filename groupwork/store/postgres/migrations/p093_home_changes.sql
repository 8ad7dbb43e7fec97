-- Issue 22: which groups this login's own writes changed, for home
-- (PgChangeNotices.home_changes_since in store/postgres/change_notices.py).
--
-- After a row of a group, a session or a task is written, the writing connection's own
-- session setting "groupwork.home_changes" gets that group's id (a list, comma separated). Back
-- from another screen, when every change notice since its last read came from its own
-- connection, home reads that list and then only those groups' rows, not its first 40 groups'
-- figures again (SQLite's home_changes table does the same there, for every writer).
--
-- - Nothing is stored and nothing is sent: a session setting is seen by its own connection
--   only. What another login writes reaches home as a notice from another connection (p092),
--   and home then reads everything, as before.
-- - A rolled-back transaction takes its settings back with it: only committed writes are listed.
-- - Invoker's rights and an empty search path, its calls named with their schema: nothing a
--   login makes (a temporary table or function) stands in for them.
-- - A login can only set its own session's list: it can make only its own home read more, or
--   (by emptying it) show stale rows to itself. Another login's session is out of its reach.
-- - "*" means the whole list changed (a group deleted, a table truncated, or more than a
--   hundred groups in one list): home reads everything. The list stops growing there.
-- - Updates are listed only when a column home shows changed (the WHEN clauses): a session's
--   notes, a task's title or an attendance mark list nothing.
CREATE FUNCTION public.groupwork_note_home_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
    listed text := pg_catalog.current_setting('groupwork.home_changes', true);
    changed text[];
    one text;
BEGIN
    IF listed IS NULL THEN
        listed := '';
    END IF;
    IF listed = '*' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'TRUNCATE' OR (TG_TABLE_NAME = 'groups' AND TG_OP = 'DELETE') THEN
        changed := ARRAY['*'];
    ELSIF TG_TABLE_NAME = 'groups' THEN
        changed := ARRAY[NEW.id];
    ELSIF TG_OP = 'INSERT' THEN
        changed := ARRAY[NEW.group_id];
    ELSIF TG_OP = 'DELETE' THEN
        changed := ARRAY[OLD.group_id];
    ELSE
        changed := ARRAY[OLD.group_id, NEW.group_id];  -- a row moved: both groups' figures
    END IF;
    FOREACH one IN ARRAY changed LOOP
        CONTINUE WHEN one IS NULL;
        IF one = '*' OR pg_catalog.strpos(one, ',') > 0
                OR pg_catalog.array_length(pg_catalog.string_to_array(listed, ','), 1) >= 100 THEN
            listed := '*';
            EXIT;
        END IF;
        IF listed = '' THEN
            listed := one;
        ELSIF NOT one = ANY (pg_catalog.string_to_array(listed, ',')) THEN
            listed := listed || ',' || one;
        END IF;
    END LOOP;
    PERFORM pg_catalog.set_config('groupwork.home_changes', listed, false);
    RETURN NULL;
END
$fn$;
REVOKE ALL ON FUNCTION public.groupwork_note_home_change() FROM PUBLIC;

CREATE TRIGGER groups_home_insert_delete AFTER INSERT OR DELETE ON public.groups
    FOR EACH ROW EXECUTE FUNCTION public.groupwork_note_home_change();
CREATE TRIGGER groups_home_update AFTER UPDATE OF name, current_stage, status ON public.groups
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name
        OR OLD.current_stage IS DISTINCT FROM NEW.current_stage
        OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION public.groupwork_note_home_change();
CREATE TRIGGER groups_home_truncate AFTER TRUNCATE ON public.groups
    FOR EACH STATEMENT EXECUTE FUNCTION public.groupwork_note_home_change();

CREATE TRIGGER sessions_home_insert_delete AFTER INSERT OR DELETE ON public.sessions
    FOR EACH ROW EXECUTE FUNCTION public.groupwork_note_home_change();
CREATE TRIGGER sessions_home_update AFTER UPDATE OF group_id, held_on, status ON public.sessions
    FOR EACH ROW WHEN (OLD.group_id IS DISTINCT FROM NEW.group_id
        OR OLD.held_on IS DISTINCT FROM NEW.held_on
        OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION public.groupwork_note_home_change();
CREATE TRIGGER sessions_home_truncate AFTER TRUNCATE ON public.sessions
    FOR EACH STATEMENT EXECUTE FUNCTION public.groupwork_note_home_change();

CREATE TRIGGER tasks_home_insert_delete AFTER INSERT OR DELETE ON public.tasks
    FOR EACH ROW EXECUTE FUNCTION public.groupwork_note_home_change();
CREATE TRIGGER tasks_home_update AFTER UPDATE OF group_id, due_on, status ON public.tasks
    FOR EACH ROW WHEN (OLD.group_id IS DISTINCT FROM NEW.group_id
        OR OLD.due_on IS DISTINCT FROM NEW.due_on
        OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION public.groupwork_note_home_change();
CREATE TRIGGER tasks_home_truncate AFTER TRUNCATE ON public.tasks
    FOR EACH STATEMENT EXECUTE FUNCTION public.groupwork_note_home_change();
