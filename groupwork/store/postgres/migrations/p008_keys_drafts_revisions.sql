-- SQLite's m005_course_member_keys, m130_review2_goal_revisions_drop_reason and
-- m004_forms_drafts (the schema test named each piece).
CREATE TABLE member_keys (
    member_id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    slot bigint NOT NULL,
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (member_id),
    FOREIGN KEY (member_id) REFERENCES members (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE UNIQUE INDEX idx_member_keys_group_id_slot ON member_keys (group_id, slot);
ALTER TABLE rating_scales ADD COLUMN anchors text COLLATE "C" NOT NULL DEFAULT '[]';
ALTER TABLE sessions ADD COLUMN planned_time text COLLATE "C";
ALTER TABLE goals ADD COLUMN revisions text COLLATE "C";
ALTER TABLE tasks ADD COLUMN drop_reason text COLLATE "C";
CREATE TABLE form_drafts (
    key text COLLATE "C",
    group_id text COLLATE "C",
    form_values text COLLATE "C" NOT NULL,
    saved_at text COLLATE "C" NOT NULL,
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (key)
);
CREATE INDEX idx_form_drafts_group_id ON form_drafts (group_id);
