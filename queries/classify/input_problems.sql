-- Returns the first line of classify_input that lacks an id or a text, with which one is missing, and the number of lines.
SELECT (SELECT count(*) FROM classify_input) AS n_lines,
       (SELECT min(line_no) FROM classify_input WHERE id IS NULL OR "text" IS NULL) AS bad_line,
       (SELECT id IS NULL FROM classify_input WHERE id IS NULL OR "text" IS NULL ORDER BY line_no LIMIT 1) AS id_missing
