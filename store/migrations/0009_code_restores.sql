-- When a code was last taken back out of a deletion or a merge (an undo in
-- the UI), in ms: a merge lets that live version win over the deletion or
-- merge it undid, which otherwise wins over every edit (merge_rules.go).
ALTER TABLE codes ADD COLUMN restored INTEGER NOT NULL DEFAULT 0;
