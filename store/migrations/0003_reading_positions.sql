-- Where each coder last read each document, so the terminal UI reopens a
-- document where it was left. Per-user state: not part of a team merge.
CREATE TABLE reading_positions (
    document_id TEXT NOT NULL REFERENCES documents(id),
    coder       TEXT NOT NULL,
    position    INTEGER NOT NULL CHECK (position >= 0),
    updated     INTEGER NOT NULL,
    PRIMARY KEY (document_id, coder)
) WITHOUT ROWID;
