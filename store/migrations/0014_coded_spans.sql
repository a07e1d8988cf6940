-- Each document's live codings packed as the theme tables count them (its
-- codes, coders, spans and the word numbers each span covers; see
-- store/codedspans.go), so that counting a whole project (export freq, the
-- themes view, the report) reads one row a document instead of every
-- coding and every text's words. Derived data, like document_words: not
-- audited, not part of a team merge's comparison, rebuilt by the next
-- count of a document that has none.
CREATE TABLE IF NOT EXISTS coded_spans (
    document_id TEXT PRIMARY KEY REFERENCES documents(id),
    spans       BLOB NOT NULL
) STRICT;

-- Whatever changes a document's codings or its text drops its row: a row
-- present is always the document's codings as they are.
CREATE TRIGGER IF NOT EXISTS coded_spans_coding_added AFTER INSERT ON codings
BEGIN
    DELETE FROM coded_spans WHERE document_id = NEW.document_id;
END;
CREATE TRIGGER IF NOT EXISTS coded_spans_coding_changed AFTER UPDATE OF document_id, code_id, start, end, coder, deleted ON codings
BEGIN
    DELETE FROM coded_spans WHERE document_id IN (OLD.document_id, NEW.document_id);
END;
CREATE TRIGGER IF NOT EXISTS coded_spans_coding_gone AFTER DELETE ON codings
BEGIN
    DELETE FROM coded_spans WHERE document_id = OLD.document_id;
END;
CREATE TRIGGER IF NOT EXISTS coded_spans_text AFTER UPDATE OF text ON documents
BEGIN
    DELETE FROM coded_spans WHERE document_id = OLD.id;
END;
CREATE TRIGGER IF NOT EXISTS coded_spans_document_gone AFTER DELETE ON documents
BEGIN
    DELETE FROM coded_spans WHERE document_id = OLD.id;
END;
