-- The coders of a project (export's notes and its --coder check name them)
-- are found through this index, a step per coder, instead of a scan of
-- every coding.
CREATE INDEX IF NOT EXISTS codings_coder ON codings(coder);
