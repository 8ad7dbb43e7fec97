-- SQLite's date function the coordinator's queries use (store/coordination.py), so the same
-- SQL runs here: the Julian day number of an ISO 8601 date or moment, as SQLite returns it.
CREATE FUNCTION julianday(moment text) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT extract(epoch FROM moment::timestamp)::double precision / 86400.0 + 2440587.5
$$;
