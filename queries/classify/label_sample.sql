-- Returns postings to hand-label, in a seeded order per posting file: postings of at least 200 characters whose title matches $titles, whose description matches $text, and that already_labelled does not hold, each once (its first file and row); rank_in_file orders a file's postings by md5(posting_id || $salt).
WITH candidates AS (
    SELECT posting_id, file_id, min(source_row) AS source_row
    FROM stored_postings
    WHERE length(description) >= 200
      AND regexp_matches(title, $titles)
      AND regexp_matches(description, $text)
      AND posting_id NOT IN (SELECT posting_id FROM already_labelled)
    GROUP BY posting_id, file_id
    QUALIFY row_number() OVER (PARTITION BY posting_id ORDER BY file_id) = 1
)
SELECT regexp_extract(replace(s.file_path, '\', '/'), '[^/]+/[^/]+$') AS dataset, c.source_row AS "row", c.file_id,
       row_number() OVER (PARTITION BY c.file_id ORDER BY md5(c.posting_id || $salt)) AS rank_in_file
FROM candidates c
JOIN sources s USING (file_id)
ORDER BY rank_in_file, c.file_id
