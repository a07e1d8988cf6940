-- The numbers of pseudonymisation placeholders ([HENKILÖ-3]), so that the
-- same name gets the same placeholder in every document of the project.
-- A name is kept only as a keyed hash (HMAC-SHA-256 with a secret kept
-- outside the project), never as text.
CREATE TABLE pseudonyms (
    kind   TEXT NOT NULL,
    digest TEXT NOT NULL,
    n      INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (kind, digest)
) WITHOUT ROWID;
CREATE UNIQUE INDEX pseudonyms_number ON pseudonyms(kind, n);
