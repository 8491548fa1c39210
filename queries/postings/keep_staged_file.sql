-- Renames staged_postings (the whole file, staged at once) to staged_file_postings, from which postings/stage_row_range.sql copies one slice at a time back into staged_postings.
ALTER TABLE staged_postings RENAME TO staged_file_postings;
