-- Returns rows_read, rows_loaded, rows_rejected, rows_duplicate for the postings file just inserted (every slice of it, postings_tallies).
-- A row is a duplicate when it was ready to store but its posting_id was stored already: by an earlier file, an
-- earlier slice of this file, or an earlier row of the same slice.
SELECT
    (SELECT sum(rows_read) FROM postings_tallies)::BIGINT AS rows_read,
    (SELECT count(*) FROM stored_postings WHERE file_id = $file_id) AS rows_loaded,
    (SELECT sum(rows_rejected) FROM postings_tallies)::BIGINT AS rows_rejected,
    (SELECT sum(rows_ready) FROM postings_tallies)::BIGINT
        - (SELECT count(*) FROM stored_postings WHERE file_id = $file_id) AS rows_duplicate
