-- SQLite's idx_members_pseudonym_nocase (m120). The store asks for "pseudonym = :name collate
-- nocase", which reads "lower(pseudonym) = lower(:name)" here: only an index on that expression
-- serves it, and ANALYZE gives the planner its statistics, i.e. how many members share a name
-- (it guessed 100 for the 2,000 called ดาว, and read every task to find a page of theirs).
DROP INDEX IF EXISTS idx_members_pseudonym;
CREATE INDEX IF NOT EXISTS idx_members_pseudonym_nocase ON members (lower(pseudonym));
ANALYZE members;
