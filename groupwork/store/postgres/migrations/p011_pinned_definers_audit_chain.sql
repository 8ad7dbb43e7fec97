-- Issue 18: the owner's code cannot be steered, and the audit log is tamper-evident.
--
-- 1. The audit functions run as the owner (SECURITY DEFINER). Their search path was
--    "pg_catalog, public", and PostgreSQL searches pg_temp first when a path does not name
--    it: any login's temporary "audit_log" (with a trigger of its own) stood in for the real
--    one, and that trigger ran as the owner. Now the path is empty and every object is named
--    with its schema; no login may execute them (a trigger function needs no EXECUTE right to
--    fire, only to be put on a table), except the event function, which checks the group.
-- 2. Each entry carries a hash chained to the entry before it, computed here, server-side:
--    sha256(previous hash || the entry's canonical text), and the previous entry's hash (so a
--    check tells an entry changed from one removed). groupwork agency verify-audit
--    recomputes it; a laptop keeps the last head it saw (sync_audit_heads) and checks at each
--    push and pull that the server's chain still holds it.

ALTER TABLE public.audit_log ADD COLUMN previous_hash text COLLATE "C",
    ADD COLUMN hash text COLLATE "C";
-- The chain's trigger numbers each entry once it holds the chain's lock, so ids and the chain
-- have one order; an identity column would take a number before the trigger runs, and two
-- writers at once could chain in the other order (and every id would skip one).
ALTER TABLE public.audit_log ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE public.audit_log_id_seq OWNED BY public.audit_log.id;
SELECT pg_catalog.setval('public.audit_log_id_seq',
    coalesce((SELECT max(id) FROM public.audit_log), 0) + 1, false);

-- A laptop's record of the audit chain's head it last saw, per agency database (SQLite's
-- m102_audit_chain); here for the same shape.
CREATE TABLE public.sync_audit_heads (
    remote text COLLATE "C",
    entry_id bigint NOT NULL,
    hash text COLLATE "C" NOT NULL,
    seen_at text COLLATE "C" NOT NULL,
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (remote)
);

-- The canonical text of an entry: each field as its length, a colon and itself (a missing
-- group as "~"), so no two entries share a text; groupwork/store/audit_chain.py is the same.
CREATE FUNCTION public.groupwork_audit_entry_hash(
    previous text, id bigint, at text, actor text, table_name text, record_id text,
    group_id text, action text, columns text
) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = '' AS $$
    SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
        coalesce(previous, '')
        || pg_catalog.length(id::text) || ':' || id::text
        || pg_catalog.length(at) || ':' || at
        || pg_catalog.length(actor) || ':' || actor
        || pg_catalog.length(table_name) || ':' || table_name
        || pg_catalog.length(record_id) || ':' || record_id
        || coalesce(pg_catalog.length(group_id) || ':' || group_id, '~')
        || pg_catalog.length(action) || ':' || action
        || pg_catalog.length(columns) || ':' || columns,
        'UTF8')), 'hex')
$$;

-- Every entry, whoever's code writes it: one at a time (an advisory lock until commit, then
-- a fresh id, so ids and the chain have one order), the login and the moment set here.
CREATE FUNCTION public.groupwork_audit_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = '' AS $$
DECLARE
    previous text;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(1735750001);
    NEW.id := pg_catalog.nextval('public.audit_log_id_seq');
    NEW.actor := session_user;
    NEW.at := pg_catalog.to_char(
        pg_catalog.clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    NEW.columns := coalesce(NEW.columns, '');
    SELECT l.hash INTO previous FROM public.audit_log l ORDER BY l.id DESC LIMIT 1;
    NEW.previous_hash := previous;
    NEW.hash := public.groupwork_audit_entry_hash(
        previous, NEW.id, NEW.at, NEW.actor, NEW.table_name, NEW.record_id, NEW.group_id,
        NEW.action, NEW.columns);
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON public.audit_log
    FOR EACH ROW EXECUTE FUNCTION public.groupwork_audit_chain();

-- The entries written before this migration join the chain in their order (the append-only
-- trigger is set aside for this one statement of the owner's).
ALTER TABLE public.audit_log DISABLE TRIGGER audit_log_no_change;
DO $$
DECLARE
    entry record;
    previous text;
    new_hash text;
BEGIN
    FOR entry IN SELECT * FROM public.audit_log ORDER BY id LOOP
        new_hash := public.groupwork_audit_entry_hash(
            previous, entry.id, entry.at, entry.actor, entry.table_name, entry.record_id,
            entry.group_id, entry.action, entry.columns);
        UPDATE public.audit_log SET previous_hash = previous, hash = new_hash
        WHERE id = entry.id;
        previous := new_hash;
    END LOOP;
END
$$;
ALTER TABLE public.audit_log ENABLE TRIGGER audit_log_no_change;

CREATE OR REPLACE FUNCTION public.groupwork_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
DECLARE
    changed text;
BEGIN
    -- Only the audited tables themselves: never a table a login made with the same name.
    IF TG_TABLE_SCHEMA <> 'public' OR TG_TABLE_NAME NOT IN ('members', 'assessments', 'consents')
    THEN
        RAISE EXCEPTION 'groupwork_audit_row audits public.members, assessments and consents only';
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO public.audit_log (table_name, record_id, group_id, action, actor)
        VALUES (TG_TABLE_NAME, NEW.id, NEW.group_id, 'insert', session_user);
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO public.audit_log (table_name, record_id, group_id, action, actor)
        VALUES (TG_TABLE_NAME, OLD.id, OLD.group_id, 'delete', session_user);
        RETURN OLD;
    END IF;
    -- json (not jsonb) keeps the table's column order, as SQLite's triggers list them.
    SELECT pg_catalog.string_agg(n.key, ',' ORDER BY n.ord) INTO changed
    FROM pg_catalog.json_each(pg_catalog.row_to_json(NEW)) WITH ORDINALITY AS n (key, value, ord)
    JOIN pg_catalog.json_each(pg_catalog.row_to_json(OLD)) AS o (key, value) USING (key)
    WHERE n.key NOT IN ('id', '_seq') AND n.value::text IS DISTINCT FROM o.value::text;
    IF changed IS NOT NULL THEN
        INSERT INTO public.audit_log (table_name, record_id, group_id, action, columns, actor)
        VALUES (TG_TABLE_NAME, NEW.id, NEW.group_id, 'update', changed, session_user);
    END IF;
    RETURN NEW;
END
$$;

-- An entry no trigger sees (an erasure). The caller must hold the group: an admin, or on an
-- agency database one of the group's facilitators; on a database without the agency's rules
-- only its owner (and superusers) log in.
CREATE OR REPLACE FUNCTION public.groupwork_audit_event(action text, table_name text, record_id text, group_id text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
DECLARE
    allowed boolean;
BEGIN
    IF pg_catalog.to_regclass('agency.group_facilitators') IS NULL THEN
        allowed := true;
    ELSE
        EXECUTE 'SELECT pg_catalog.pg_has_role(session_user, d.datdba, ''MEMBER'')
                     OR pg_catalog.pg_has_role(session_user, ''groupwork_admins'', ''MEMBER'')
                     OR EXISTS (SELECT FROM agency.group_facilitators f
                                WHERE f.group_id = $1 AND f.login = session_user)
                 FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()'
            INTO allowed USING $4;
    END IF;
    IF NOT allowed THEN
        RAISE EXCEPTION 'not your group: no audit entry was written'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO public.audit_log (table_name, record_id, group_id, action, actor)
    VALUES ($2, $3, $4, $1, session_user);
END
$$;

-- The chain's head and one entry's hash, for a laptop that may read only its groups' entries.
CREATE FUNCTION public.groupwork_audit_head(OUT entry_id bigint, OUT hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
    SELECT l.id, l.hash FROM public.audit_log l ORDER BY l.id DESC LIMIT 1
$$;
CREATE FUNCTION public.groupwork_audit_hash_at(entry_id bigint) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
    SELECT l.hash FROM public.audit_log l WHERE l.id = entry_id
$$;

ALTER FUNCTION public.groupwork_audit_log_is_append_only() SET search_path = '';

REVOKE ALL ON FUNCTION public.groupwork_audit_row() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.groupwork_audit_chain() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.groupwork_audit_log_is_append_only() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.groupwork_audit_event(text, text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION public.groupwork_audit_head() FROM PUBLIC;
REVOKE ALL ON FUNCTION public.groupwork_audit_hash_at(bigint) FROM PUBLIC;
REVOKE ALL ON SEQUENCE public.audit_log_id_seq FROM PUBLIC;
