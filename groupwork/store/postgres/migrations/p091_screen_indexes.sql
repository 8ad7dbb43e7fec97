-- SQLite's m191_home_order: home's first screenful is the first entries of this index, running
-- groups before closed ones, each by name (the expression is home_list.CLOSED_LAST's).
CREATE INDEX IF NOT EXISTS idx_groups_home_order
    ON groups ((case when coalesce(status, '') = 'closed' then 1 else 0 end), name, id);
-- SQLite's m192_attendance_by_status: a session's marks and those who came, counted from
-- this index alone (the coordinator's page: each group's last four held sessions).
CREATE INDEX IF NOT EXISTS idx_attendance_session_id_status ON attendance (session_id, status);
