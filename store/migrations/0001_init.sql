-- avain project schema, version 1.
-- Every record a team member creates has a UUID (v7) id, its coder, created
-- and updated times (Unix milliseconds, UTC) and a tombstone flag: rows are
-- never removed, so a merge cannot resurrect deleted work or lose anyone's.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Documents: the transcript text is immutable after import (NFC, "\n").
CREATE TABLE documents (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('client', 'professional', 'other')),
    lang    TEXT NOT NULL,
    format  TEXT NOT NULL,
    text    TEXT NOT NULL,
    hash    TEXT NOT NULL,
    words   INTEGER NOT NULL,
    coder   TEXT NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX documents_live_hash ON documents(hash) WHERE deleted = 0;
CREATE INDEX documents_name ON documents(name);

-- Speaker turns: part of the immutable document; positions are code points.
CREATE TABLE turns (
    document_id TEXT NOT NULL REFERENCES documents(id),
    n           INTEGER NOT NULL,
    speaker     TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    time_ms     INTEGER,
    time_end_ms INTEGER,
    PRIMARY KEY (document_id, n),
    CHECK (start >= 0 AND end > start)
) STRICT, WITHOUT ROWID;

CREATE TABLE doc_attributes (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    coder       TEXT NOT NULL,
    created     INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX doc_attributes_live ON doc_attributes(document_id, key) WHERE deleted = 0;

-- The codebook: themes are codes with children, to any depth.
CREATE TABLE codes (
    id         TEXT PRIMARY KEY,
    parent_id  TEXT REFERENCES codes(id),
    name_fi    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    color      TEXT NOT NULL DEFAULT '',
    shortcut   TEXT NOT NULL DEFAULT '',
    short_def  TEXT NOT NULL DEFAULT '',
    definition TEXT NOT NULL DEFAULT '',
    when_use   TEXT NOT NULL DEFAULT '',
    when_not   TEXT NOT NULL DEFAULT '',
    example    TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    coder      TEXT NOT NULL,
    created    INTEGER NOT NULL,
    updated    INTEGER NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX codes_parent ON codes(parent_id);

CREATE TABLE codings (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    code_id     TEXT NOT NULL REFERENCES codes(id),
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    coder       TEXT NOT NULL,
    created     INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    CHECK (start >= 0 AND end > start)
) STRICT;
CREATE INDEX codings_document ON codings(document_id, start);
CREATE INDEX codings_code ON codings(code_id);

-- Memos on a coding, a document or a code.
CREATE TABLE memos (
    id        TEXT PRIMARY KEY,
    target    TEXT NOT NULL CHECK (target IN ('coding', 'document', 'code')),
    target_id TEXT NOT NULL,
    text      TEXT NOT NULL,
    coder     TEXT NOT NULL,
    created   INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX memos_target ON memos(target, target_id);

-- The audit trail: who did what and when; ids and counts, never interview text.
CREATE TABLE audit_log (
    id     TEXT PRIMARY KEY,
    at     INTEGER NOT NULL,
    coder  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
