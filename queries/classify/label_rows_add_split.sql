-- Gives label_rows an empty split column, for label files that do not have one (no row is then held out).
ALTER TABLE label_rows ADD COLUMN split VARCHAR
