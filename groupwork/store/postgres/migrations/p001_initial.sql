-- The schema of groupwork's SQLite migrations m001-m003 (tables, keys, indexes), in PostgreSQL.
-- Same tables, columns, keys and constraints as SQLite (tests/pg/test_schema.py proves it), so
-- store/converters.py writes the same rows to both. Types follow SQLite's: text (ids, ISO dates,
-- JSON lists), bigint (numbers, 0/1 booleans), double precision (durations, scores). Text
-- collates "C" (code point order, as SQLite's BINARY) so lists sort the same on both engines.
-- _seq is PostgreSQL's stand-in for SQLite's rowid: the order records were written in.
CREATE TABLE groups (
    id text COLLATE "C",
    name text COLLATE "C" NOT NULL,
    agency text COLLATE "C",
    purpose text COLLATE "C",
    problem_situation text COLLATE "C",
    rationale text COLLATE "C",
    target_population text COLLATE "C",
    referral_sources text COLLATE "C",
    selection_criteria text COLLATE "C",
    admission_rules text COLLATE "C",
    formality text COLLATE "C",
    openness text COLLATE "C",
    facilitators text COLLATE "C",
    planned_sessions bigint,
    start_date text COLLATE "C",
    end_date text COLLATE "C",
    current_stage bigint,
    status text COLLATE "C",
    created_at text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id)
);
CREATE INDEX idx_groups_name ON groups (name);
CREATE TABLE members (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    real_name text COLLATE "C",
    pseudonym text COLLATE "C" NOT NULL,
    joined_on text COLLATE "C",
    left_on text COLLATE "C",
    referral_source text COLLATE "C",
    decision text COLLATE "C",
    decision_reason text COLLATE "C",
    decided_on text COLLATE "C",
    orientation_given bigint,
    role text COLLATE "C",
    notes text COLLATE "C",
    erased bigint,
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_members_group_id ON members (group_id);
CREATE TABLE consents (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    member_id text COLLATE "C",
    given_on text COLLATE "C",
    scopes text COLLATE "C",
    agencies text COLLATE "C",
    withdrawn_on text COLLATE "C",
    notes text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (member_id) REFERENCES members (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_consents_member_id_given_on ON consents (member_id, given_on);
CREATE INDEX idx_consents_group_id ON consents (group_id);
CREATE TABLE stage_progress (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    stage bigint,
    status text COLLATE "C",
    started_on text COLLATE "C",
    completed_on text COLLATE "C",
    narrative text COLLATE "C",
    unmet_criteria text COLLATE "C",
    override_reason text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE UNIQUE INDEX idx_stage_progress_group_id_stage ON stage_progress (group_id, stage);
CREATE INDEX idx_stage_progress_group_id ON stage_progress (group_id);
CREATE TABLE ground_rules (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    text text COLLATE "C",
    proposed_by text COLLATE "C",
    proposed_by_member_id text COLLATE "C",
    agreed_on text COLLATE "C",
    revisions text COLLATE "C",
    retired_on text COLLATE "C",
    retired_reason text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_ground_rules_group_id ON ground_rules (group_id);
CREATE TABLE assessments (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    member_id text COLLATE "C",
    kind text COLLATE "C",
    assessed_on text COLLATE "C",
    bio_psycho_social text COLLATE "C",
    family text COLLATE "C",
    risk text COLLATE "C",
    risk_level text COLLATE "C",
    needs text COLLATE "C",
    strengths text COLLATE "C",
    severity bigint,
    notes text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (member_id) REFERENCES members (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_assessments_member_id ON assessments (member_id);
CREATE INDEX idx_assessments_group_id ON assessments (group_id);
CREATE TABLE group_issues (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    title text COLLATE "C",
    description text COLLATE "C",
    raised_on text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_group_issues_group_id ON group_issues (group_id);
CREATE TABLE goals (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    title text COLLATE "C",
    description text COLLATE "C",
    member_id text COLLATE "C",
    horizon text COLLATE "C",
    priority bigint,
    status text COLLATE "C",
    progress bigint,
    issue_ids text COLLATE "C",
    set_on text COLLATE "C",
    target_date text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (member_id) REFERENCES members (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_goals_group_id ON goals (group_id);
CREATE TABLE sessions (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    number bigint,
    held_on text COLLATE "C",
    started_at text COLLATE "C",
    ended_at text COLLATE "C",
    status text COLLATE "C",
    cancel_reason text COLLATE "C",
    stages text COLLATE "C",
    plan text COLLATE "C",
    notes text COLLATE "C",
    questions text COLLATE "C",
    themes text COLLATE "C",
    feelings text COLLATE "C",
    society_links text COLLATE "C",
    next_steps text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_sessions_group_id_number ON sessions (group_id, number);
CREATE INDEX idx_sessions_group_id ON sessions (group_id);
CREATE TABLE tasks (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    title text COLLATE "C",
    description text COLLATE "C",
    goal_id text COLLATE "C",
    agreed_session_id text COLLATE "C",
    due_on text COLLATE "C",
    status text COLLATE "C",
    done_session_id text COLLATE "C",
    done_on text COLLATE "C",
    created_at text COLLATE "C",
    updated_at text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (done_session_id) REFERENCES sessions (id),
    FOREIGN KEY (agreed_session_id) REFERENCES sessions (id),
    FOREIGN KEY (goal_id) REFERENCES goals (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_tasks_status_due_on ON tasks (status, due_on);
CREATE INDEX idx_tasks_group_id ON tasks (group_id);
CREATE TABLE task_assignees (
    task_id text COLLATE "C",
    assignee_id text COLLATE "C",
    position bigint,
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (task_id, assignee_id),
    FOREIGN KEY (task_id) REFERENCES tasks (id)
);
CREATE INDEX idx_task_assignees_assignee_id ON task_assignees (assignee_id);
CREATE TABLE attendance (
    id text COLLATE "C",
    session_id text COLLATE "C" NOT NULL,
    member_id text COLLATE "C" NOT NULL,
    status text COLLATE "C" NOT NULL,
    reason text COLLATE "C",
    recorded_at text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (member_id) REFERENCES members (id),
    FOREIGN KEY (session_id) REFERENCES sessions (id)
);
CREATE INDEX idx_attendance_member_id ON attendance (member_id);
CREATE UNIQUE INDEX idx_attendance_session_id_member_id ON attendance (session_id, member_id);
CREATE TABLE participation_events (
    id text COLLATE "C",
    session_id text COLLATE "C" NOT NULL,
    actor_id text COLLATE "C" NOT NULL,
    kind text COLLATE "C" NOT NULL,
    at text COLLATE "C" NOT NULL,
    duration_seconds double precision,
    responds_to_id text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (session_id) REFERENCES sessions (id)
);
CREATE INDEX idx_participation_events_actor_id ON participation_events (actor_id);
CREATE INDEX idx_participation_events_session_id_at ON participation_events (session_id, at);
CREATE TABLE group_marks (
    id text COLLATE "C",
    session_id text COLLATE "C" NOT NULL,
    kind text COLLATE "C" NOT NULL,
    at text COLLATE "C" NOT NULL,
    notes text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (session_id) REFERENCES sessions (id)
);
CREATE INDEX idx_group_marks_session_id_at ON group_marks (session_id, at);
CREATE TABLE rating_scales (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    name text COLLATE "C",
    minimum bigint,
    maximum bigint,
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_rating_scales_group_id ON rating_scales (group_id);
CREATE TABLE ratings (
    id text COLLATE "C",
    session_id text COLLATE "C" NOT NULL,
    member_id text COLLATE "C" NOT NULL,
    scale_id text COLLATE "C" NOT NULL,
    score double precision,
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (scale_id) REFERENCES rating_scales (id),
    FOREIGN KEY (member_id) REFERENCES members (id),
    FOREIGN KEY (session_id) REFERENCES sessions (id)
);
CREATE UNIQUE INDEX idx_ratings_session_id_member_id_scale_id ON ratings (session_id, member_id, scale_id);
CREATE TABLE reviews (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    held_on text COLLATE "C",
    session_id text COLLATE "C",
    goal_progress text COLLATE "C",
    obstacles text COLLATE "C",
    successes text COLLATE "C",
    weaknesses text COLLATE "C",
    member_coordinator_id text COLLATE "C",
    notes text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (session_id) REFERENCES sessions (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_reviews_group_id ON reviews (group_id);
CREATE TABLE new_situations (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    level text COLLATE "C",
    member_id text COLLATE "C",
    description text COLLATE "C",
    identified_on text COLLATE "C",
    joint_analysis text COLLATE "C",
    plan_changes text COLLATE "C",
    analysed_on text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (member_id) REFERENCES members (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_new_situations_group_id ON new_situations (group_id);
CREATE TABLE endorsements (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    name text COLLATE "C",
    position text COLLATE "C",
    endorsed_on text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_endorsements_group_id ON endorsements (group_id);
CREATE TABLE handover_steps (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    taken_on text COLLATE "C",
    facilitator_role text COLLATE "C",
    member_id text COLLATE "C",
    member_role text COLLATE "C",
    notes text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (member_id) REFERENCES members (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_handover_steps_group_id ON handover_steps (group_id);
CREATE TABLE closure_reflections (
    id text COLLATE "C",
    group_id text COLLATE "C" NOT NULL,
    knowledge_and_theory text COLLATE "C",
    teamwork_and_partners text COLLATE "C",
    practice_strengths text COLLATE "C",
    practice_weaknesses text COLLATE "C",
    recommendations text COLLATE "C",
    updated_at text COLLATE "C",
    _seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (id),
    FOREIGN KEY (group_id) REFERENCES groups (id)
);
CREATE INDEX idx_closure_reflections_group_id ON closure_reflections (group_id);
