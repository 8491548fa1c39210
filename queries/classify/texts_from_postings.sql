-- Creates the temp table classify_texts (posting_id, title, description) with the stored postings whose rowid is in [$first, $first + $count): one batch of the classify pass.
CREATE OR REPLACE TEMP TABLE classify_texts AS
SELECT posting_id, title, description
FROM stored_postings
WHERE rowid >= $first AND rowid < $first + $count
