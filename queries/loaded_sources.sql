-- Returns one row per loaded file: name, format, kind, rows read/loaded/rejected/duplicate, when and how fast, and for a survey file which release of its survey is current.
SELECT file_id, s.file_name, s.format, kind, rows_read, rows_loaded, rows_rejected, rows_duplicate,
       identical_records, strftime(s.loaded_at, '%Y-%m-%d %H:%M') AS loaded_at, round(load_seconds, 2) AS seconds,
       left(sha256, 12) AS sha256,
       CASE WHEN r.is_current THEN 'current'
            WHEN r.file_id IS NOT NULL THEN 'superseded by ' || r.current_file_name || ' (#' || r.current_file_id || ')'
       END AS release,
       notes
FROM sources s LEFT JOIN survey_releases r USING (file_id)
ORDER BY file_id
