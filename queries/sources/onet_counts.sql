-- Returns rows_read, rows_loaded, rows_rejected, rows_duplicate for the O*NET file just inserted.
SELECT (SELECT count(*) FROM onet_checked) AS rows_read,
       (SELECT n FROM onet_loaded) AS rows_loaded,
       (SELECT count(*) FROM onet_checked WHERE problem_field IS NOT NULL) AS rows_rejected,
       (SELECT count(*) FROM onet_checked WHERE problem_field IS NULL) - (SELECT count(*) FROM onet_ready)
           AS rows_duplicate
