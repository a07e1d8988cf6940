-- The codings a reader sees. A coding keeps the code it was made with; a
-- code merged into another (here or in another copy of the project, before
-- a team merge) passes its codings on along merged_into to the live code at
-- the end of the chain, and a deleted code hides its codings. Working this
-- out when reading, not by rewriting codings in a merge, is what makes a
-- team merge give the same project in whatever order copies are merged.
CREATE VIEW live_codings AS
WITH RECURSIVE code_final(id, final, depth) AS (
    SELECT id, id, 0 FROM codes WHERE deleted = 0
    UNION ALL
    SELECT c.id, f.final, f.depth + 1 FROM codes c JOIN code_final f ON c.merged_into = f.id
    WHERE c.deleted = 1 AND f.depth < 64
)
SELECT c.id, c.document_id, f.final AS code_id, c.start, c.end, c.coder, c.created, c.updated
FROM codings c JOIN code_final f ON f.id = c.code_id
WHERE c.deleted = 0;
