-- Returns rows_read, rows_loaded, rows_rejected, rows_duplicate for the postings file just inserted.
SELECT
    (SELECT count(*) FROM checked_postings) AS rows_read,
    (SELECT count(*) FROM stored_postings WHERE file_id = $file_id) AS rows_loaded,
    (SELECT count(*) FROM checked_postings WHERE coalesce(rejected, false)) AS rows_rejected,
    (SELECT count(*) FROM ready_postings) - (SELECT count(*) FROM stored_postings WHERE file_id = $file_id) AS rows_duplicate
