-- SQLite's m004_scrub_other_name_decisions: the worker's replace/keep choice for each possible
-- non-member name the pre-share check flagged. (m004_safefiles_clean_text only cleans rows an
-- older groupwork wrote to SQLite; a PostgreSQL database only ever held clean rows.)
CREATE TABLE other_name_decisions (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    name text COLLATE "C" NOT NULL,
    replace bigint NOT NULL,
    decided_at text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_other_name_decisions_group_id ON other_name_decisions (group_id);
CREATE UNIQUE INDEX idx_other_name_decisions_group_id_name ON other_name_decisions (group_id, name);
