-- Creates staged_postings from staged_slice: one slice of a file, staged in the staging area and streamed over as Arrow batches without the descriptions' text (postings/staged_rows_short.sql).
CREATE OR REPLACE TEMP TABLE staged_postings AS SELECT * FROM staged_slice;
