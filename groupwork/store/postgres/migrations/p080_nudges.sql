-- SQLite's m171_nudges: the nudges the recorder showed, and a group's thresholds for them.
CREATE TABLE nudges_shown (
    id text COLLATE "C",
    session_id text COLLATE "C" NOT NULL,
    kind text COLLATE "C" NOT NULL,
    member_id text COLLATE "C",
    at text COLLATE "C" NOT NULL,
    detail text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (session_id) REFERENCES sessions (id)
);
CREATE INDEX idx_nudges_shown_session_id_at ON nudges_shown (session_id, at);
CREATE TABLE nudge_settings (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    silent_minutes bigint,
    silent_turns bigint,
    dominant_factor double precision,
    window_turns bigint,
    facilitator_target double precision,
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_nudge_settings_group_id ON nudge_settings (group_id);
