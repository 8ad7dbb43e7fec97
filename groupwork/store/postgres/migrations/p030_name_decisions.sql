-- SQLite's m121_name_decisions: a person's decision (name or word) for one undecided
-- occurrence of a name that is also an ordinary word, kept by record, field, word, the text
-- around it and its position.
CREATE TABLE name_decisions (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    record_id text COLLATE "C" NOT NULL,
    field text COLLATE "C" NOT NULL,
    word text COLLATE "C" NOT NULL,
    before text COLLATE "C",
    after text COLLATE "C",
    position bigint,
    answer text COLLATE "C" NOT NULL,
    decided_at text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_name_decisions_group_id ON name_decisions (group_id);
CREATE INDEX idx_name_decisions_group_id_record_id ON name_decisions (group_id, record_id);
