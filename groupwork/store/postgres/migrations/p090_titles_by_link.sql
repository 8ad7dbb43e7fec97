-- SQLite's m181_titles_by_link: no change of tables. Titles and group names holding a link
-- token are written again for the coordinator, rendered by id (a Python step, schema.py).
SELECT 1;
