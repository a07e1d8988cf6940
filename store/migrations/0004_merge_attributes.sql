-- After a team merge a document may hold two values of one attribute, from
-- two copies (kept, so nothing is lost); readers take the newer. The unique
-- index of one live value per key gives way to a plain one.
DROP INDEX doc_attributes_live;
CREATE INDEX doc_attributes_document ON doc_attributes(document_id, key);
