-- A memo may be written on the project itself (target 'project', target
-- id 'project'), beside codings, documents and codes. SQLite cannot widen
-- a CHECK in place: the table is rebuilt with its rows and index.
CREATE TABLE memos_new (
    id        TEXT PRIMARY KEY,
    target    TEXT NOT NULL CHECK (target IN ('coding', 'document', 'code', 'project')),
    target_id TEXT NOT NULL,
    text      TEXT NOT NULL,
    coder     TEXT NOT NULL,
    created   INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO memos_new(id, target, target_id, text, coder, created, updated, deleted)
    SELECT id, target, target_id, text, coder, created, updated, deleted FROM memos;
DROP TABLE memos;
ALTER TABLE memos_new RENAME TO memos;
CREATE INDEX memos_target ON memos(target, target_id);
