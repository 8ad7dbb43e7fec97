-- SQLite's m005_pg_sync_records: a laptop's record of what it last pushed or pulled. Kept here
-- too so both engines hold the same tables (a server database may itself push elsewhere).
CREATE TABLE sync_records (
    remote text COLLATE "C",
    table_name text COLLATE "C",
    record_id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    hash text COLLATE "C" NOT NULL,
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (remote, table_name, record_id)
);
CREATE INDEX idx_sync_records_remote_group_id ON sync_records (remote, group_id);
