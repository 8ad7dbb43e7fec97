-- SQLite's m132_shared_files: the register of files groupwork wrote that leave the database
-- (reviews, charts, exports, digests), one row per group whose data is in the file.
CREATE TABLE shared_files (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    path text COLLATE "C" NOT NULL,
    kind text COLLATE "C" NOT NULL,
    written_at text COLLATE "C",
    member_ids text COLLATE "C",
    real_names bigint,
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_shared_files_group_id ON shared_files (group_id);
