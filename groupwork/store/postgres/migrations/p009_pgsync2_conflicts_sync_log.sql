-- SQLite's m006_pgsync2_conflicts_and_sync_log. On a server only sync_log is used (each push
-- and pull a laptop makes); the other two belong to laptops and are kept for the same shape.
CREATE TABLE sync_laptop (
    id text COLLATE "C",
    created_at text COLLATE "C" NOT NULL,
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id)
);
CREATE TABLE sync_conflicts (
    id text COLLATE "C",
    remote text COLLATE "C" NOT NULL,
    group_id text COLLATE "C" NOT NULL,
    table_name text COLLATE "C" NOT NULL,
    record_id text COLLATE "C" NOT NULL,
    fields text COLLATE "C" NOT NULL,
    mine text COLLATE "C",
    theirs text COLLATE "C",
    found_at text COLLATE "C" NOT NULL,
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id)
);
CREATE INDEX idx_sync_conflicts_remote_group_id ON sync_conflicts (remote, group_id);
CREATE TABLE sync_log (
    id text COLLATE "C",
    laptop_id text COLLATE "C" NOT NULL,
    login text COLLATE "C" NOT NULL,
    group_id text COLLATE "C" NOT NULL,
    direction text COLLATE "C" NOT NULL,
    at text COLLATE "C" NOT NULL,
    added bigint,
    changed bigint,
    erased bigint,
    conflicts bigint,
    failed bigint,
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id)
);
CREATE INDEX idx_sync_log_laptop_id_at ON sync_log (laptop_id, at);
