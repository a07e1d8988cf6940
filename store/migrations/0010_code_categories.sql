-- A category groups codes and takes no codings of its own (REFI-QDA's
-- isCodable="false"); 0 for every code made before, which stays codable.
ALTER TABLE codes ADD COLUMN not_codable INTEGER NOT NULL DEFAULT 0;
