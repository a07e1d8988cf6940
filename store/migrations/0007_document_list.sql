-- A covering index for listing documents: their columns after `text` can
-- otherwise only be read by walking the text's overflow pages (some 17
-- pages for a 10,000-word interview), which made listing 1,000 documents
-- read the whole project.
CREATE INDEX documents_list ON documents(deleted, name, id, kind, lang, format, words, coder, created);
