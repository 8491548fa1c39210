-- Records the O*NET rows refused by the staging query (onet_checked rows with a problem) in rejects.

INSERT INTO rejects (file_id, file_name, source_row, field, reason, raw_value, action)
SELECT $file_id, $file_name, source_row, problem_field, problem_reason, problem_value, 'row_rejected'
FROM onet_checked
WHERE problem_field IS NOT NULL
ORDER BY source_row;
