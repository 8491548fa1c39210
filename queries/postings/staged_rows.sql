-- Returns every row of staged_postings (one slice of a file, in the staging area), streamed as Arrow batches into the load's transaction as staged_texts for postings/insert.sql.
SELECT * FROM staged_postings
