-- Returns every row of staged_postings (one slice, in the staging area) with the description's text left out: '' for a description, NULL for none (postings/prepare.sql only asks whether there is one).
SELECT * REPLACE (CASE WHEN description IS NOT NULL THEN '' END AS description) FROM staged_postings
