-- SQLite's m131_people_around: the register of people around a group (a partner, a village
-- headman, a nurse): the real name for the worker, the role shown in everything shared.
CREATE TABLE people_around (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    real_name text COLLATE "C" NOT NULL,
    role text COLLATE "C" NOT NULL,
    notes text COLLATE "C",
    added_at text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_people_around_group_id ON people_around (group_id);
