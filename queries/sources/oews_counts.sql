-- Returns rows_read, rows_loaded, rows_rejected, rows_duplicate for the OEWS file just inserted (rows = the file's lines or rows).
-- A staged row stands for `lines` file rows (up to nine data lines in the time-series layout, one in the spreadsheets),
-- plus `duplicate_lines` that repeated one of them; a staged row not inserted (its key was stored) is all duplicates.
SELECT t.rows_read,
       (SELECT coalesce(sum(lines), 0) FROM oews_new) AS rows_loaded,
       t.rows_rejected,
       (SELECT coalesce(sum(lines + duplicate_lines), 0) FROM staged_oews)
           - (SELECT coalesce(sum(lines), 0) FROM oews_new) AS rows_duplicate
FROM oews_tally t
