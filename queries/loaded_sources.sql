-- Returns one row per loaded file: name, format, kind, rows read/loaded/rejected/duplicate, when and how fast.
SELECT file_id, file_name, format, kind, rows_read, rows_loaded, rows_rejected, rows_duplicate,
       identical_records, strftime(loaded_at, '%Y-%m-%d %H:%M') AS loaded_at, round(load_seconds, 2) AS seconds,
       left(sha256, 12) AS sha256, notes
FROM sources ORDER BY file_id
