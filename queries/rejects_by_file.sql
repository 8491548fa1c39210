-- Returns refused rows and cleared fields (file, row, field, reason, raw value, action), optionally for one file name ($file_name NULL for all).
SELECT file_name, source_row, field, reason, left(raw_value, 80) AS raw_value, action
FROM rejects
WHERE $file_name IS NULL OR file_name = $file_name
ORDER BY file_id, source_row
