-- Audit entries no trigger can see (an erasure), as SQLite's store/audit.record_event writes
-- them: names no values. Runs as its owner, so no login needs the right to write the log;
-- the login is recorded as session_user like every other entry.
CREATE FUNCTION groupwork_audit_event(action text, table_name text, record_id text, group_id text)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    INSERT INTO audit_log (table_name, record_id, group_id, action, actor)
    VALUES ($2, $3, $4, $1, session_user)
$$;
