-- SQLite's m120_coord_indexes: the coordinator's views read one group's slice, or one page in
-- the order shown, so each index leads with the group or with that order.
CREATE INDEX IF NOT EXISTS idx_tasks_group_id_status_due_on ON tasks (group_id, status, due_on);
-- Tasks with no due date sort last (the same expression as SQLite's DUE_LAST).
CREATE INDEX IF NOT EXISTS idx_tasks_due_last ON tasks ((coalesce(due_on, '9999-12-31')));
CREATE INDEX IF NOT EXISTS idx_tasks_status_due_last
    ON tasks (status, (coalesce(due_on, '9999-12-31')));
CREATE INDEX IF NOT EXISTS idx_tasks_title ON tasks (title);
CREATE INDEX IF NOT EXISTS idx_task_assignees_assignee_id_task_id
    ON task_assignees (assignee_id, task_id);
CREATE INDEX IF NOT EXISTS idx_tasks_id_status_due_on ON tasks (id, status, due_on);
CREATE INDEX IF NOT EXISTS idx_tasks_status_done_on ON tasks (status, done_on);
CREATE INDEX IF NOT EXISTS idx_sessions_group_id_status_held_on
    ON sessions (group_id, status, held_on);
-- SQLite's is COLLATE NOCASE, which has no plain PostgreSQL equivalent; this one serves the
-- listing by pseudonym (text collates "C" here).
CREATE INDEX IF NOT EXISTS idx_members_pseudonym ON members (pseudonym);
CREATE INDEX IF NOT EXISTS idx_stage_progress_completed_on ON stage_progress (completed_on);
CREATE INDEX IF NOT EXISTS idx_stage_progress_started_on ON stage_progress (started_on);
