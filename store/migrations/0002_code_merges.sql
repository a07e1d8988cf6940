-- A code merged into another keeps a pointer to it, so codings made with
-- the old code in another copy of the project follow it on a team merge.
ALTER TABLE codes ADD COLUMN merged_into TEXT REFERENCES codes(id);
