-- SQLite's m111_title_shared: tasks' and goals' titles and groups' names as the coordinator may read them (names
-- replaced as the review replaces them). The store writes them on every save; the rows already
-- kept are filled by schema.py right after this migration (the scrubber is Python).
ALTER TABLE tasks ADD COLUMN title_shared text COLLATE "C";
ALTER TABLE goals ADD COLUMN title_shared text COLLATE "C";
ALTER TABLE groups ADD COLUMN name_shared text COLLATE "C";

-- What a task may hold, checked by the server whoever writes it (a coordinator through
-- coordinator.tasks, a facilitator by hand): a status of the app's set, ISO dates and times
-- that the app reads back, and a done session of the task's own group. Without it one bad
-- value written by hand made the facilitator's task list and review fail.
-- Invoker's rights and every name qualified: it reads sessions through the login's own rights
-- (a coordinator through its view), so it learns nothing the login could not read.
CREATE FUNCTION groupwork_task_is_valid() RETURNS trigger
LANGUAGE plpgsql SET search_path = '' AS $fn$
DECLARE
    bad text;
BEGIN
    IF NEW.status IS NULL OR NEW.status NOT IN ('open', 'in_progress', 'done', 'dropped') THEN
        bad := 'status';
    ELSIF NEW.due_on IS NOT NULL AND NOT public.groupwork_is_iso_date(NEW.due_on) THEN
        bad := 'due_on';
    ELSIF NEW.done_on IS NOT NULL AND NOT public.groupwork_is_iso_date(NEW.done_on) THEN
        bad := 'done_on';
    ELSIF NEW.updated_at IS NOT NULL AND NOT public.groupwork_is_iso_time(NEW.updated_at) THEN
        bad := 'updated_at';
    ELSIF NEW.done_session_id IS NOT NULL THEN
        IF pg_catalog.has_table_privilege('public.sessions', 'SELECT') THEN
            IF NOT EXISTS (SELECT FROM public.sessions s
                           WHERE s.id = NEW.done_session_id AND s.group_id = NEW.group_id) THEN
                bad := 'done_session_id';
            END IF;
        ELSIF NOT EXISTS (SELECT FROM coordinator.sessions s
                          WHERE s.id = NEW.done_session_id AND s.group_id = NEW.group_id) THEN
            bad := 'done_session_id';
        END IF;
    END IF;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'groupwork: task % holds an invalid %', NEW.id, bad
            USING ERRCODE = 'check_violation', COLUMN = bad, TABLE = 'tasks';
    END IF;
    RETURN NEW;
END
$fn$;

-- A date as the app writes it (YYYY-MM-DD, a real day), and a time (ISO 8601, read back).
CREATE FUNCTION groupwork_is_iso_date(value text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE SET search_path = '' AS $fn$
BEGIN
    RETURN value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
        AND pg_catalog.to_char(value::date, 'YYYY-MM-DD') = value;
EXCEPTION WHEN others THEN
    RETURN false;
END
$fn$;

CREATE FUNCTION groupwork_is_iso_time(value text) RETURNS boolean
LANGUAGE plpgsql STABLE SET search_path = '' AS $fn$
BEGIN
    RETURN value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$'
        AND value::timestamptz IS NOT NULL;
EXCEPTION WHEN others THEN
    RETURN false;
END
$fn$;

CREATE TRIGGER tasks_are_valid BEFORE INSERT OR UPDATE OF status, due_on, done_on, updated_at,
    done_session_id, group_id ON tasks FOR EACH ROW EXECUTE FUNCTION groupwork_task_is_valid();
