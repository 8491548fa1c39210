-- Creates staged_postings from the rows of staged_file_postings with $first_row < source_row <= $first_row + $slice_rows: one slice of a file staged whole.
CREATE OR REPLACE TEMP TABLE staged_postings AS
SELECT * FROM staged_file_postings
WHERE source_row > $first_row AND source_row <= $first_row + $slice_rows;
