-- Returns the stored postings whose rowid is in [$first, $first + $count) as (posting_id, title, description): one batch of the classify pass.
SELECT posting_id, title, description
FROM stored_postings
WHERE rowid >= $first AND rowid < $first + $count
