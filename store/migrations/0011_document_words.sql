-- The positions of each document's words (coding.AppendWordSpans), written
-- with its text on import, so that counting the words inside passages
-- (export freq, the themes view, the report) need not read and split the
-- texts. A separate table: a column after the text would be reached only
-- through the text's overflow pages. A document without a row here (one
-- imported before this schema, or merged in) is counted from its text.
CREATE TABLE document_words (
    document_id TEXT PRIMARY KEY REFERENCES documents(id),
    spans       BLOB NOT NULL
) STRICT;

-- Whatever changes a text (pseudonymisation, any later update) drops its
-- positions, and the counts read the new text instead.
CREATE TRIGGER document_words_text AFTER UPDATE OF text ON documents
BEGIN
    DELETE FROM document_words WHERE document_id = OLD.id;
END;
CREATE TRIGGER document_words_gone AFTER DELETE ON documents
BEGIN
    DELETE FROM document_words WHERE document_id = OLD.id;
END;
