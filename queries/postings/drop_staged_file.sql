-- Drops staged_file_postings once every slice of it is inserted.
DROP TABLE staged_file_postings;
