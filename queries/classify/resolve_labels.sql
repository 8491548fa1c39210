-- Returns each row of label_rows with the posting its (dataset file, row) names: the loaded file whose path ends with the dataset path, else the one file of that base name (n_files > 1: ambiguous); rejected = the row was refused at ingest.
WITH files AS (
    SELECT file_id, file_name, replace(file_path, '\', '/') AS file_path FROM sources WHERE kind = 'postings'
), matched AS (
    SELECT l.line_no, f.file_id,
           CASE WHEN f.file_path LIKE '%/' || replace(trim(l.dataset), '\', '/') THEN 2 ELSE 1 END AS quality
    FROM label_rows l
    JOIN files f ON f.file_name = regexp_extract(replace(trim(l.dataset), '\', '/'), '[^/]+$')
), ranked AS (
    SELECT line_no, file_id, quality,
           max(quality) OVER (PARTITION BY line_no) AS best_quality
    FROM matched
), best AS (
    SELECT line_no, min(file_id) AS file_id, count(*) AS n_files
    FROM ranked WHERE quality = best_quality GROUP BY line_no
), refused AS (
    SELECT DISTINCT file_id, source_row FROM rejects WHERE action = 'row_rejected'
)
SELECT l.line_no, trim(l.dataset) AS dataset, l."row" AS source_row, lower(trim(coalesce(l.split, ''))) AS split,
       coalesce(l.topics, '') AS topics, b.file_id, coalesce(b.n_files, 0) AS n_files, o.posting_id,
       r.file_id IS NOT NULL AS rejected
FROM label_rows l
LEFT JOIN best b ON b.line_no = l.line_no
LEFT JOIN posting_occurrences o ON o.file_id = b.file_id AND o.source_row = TRY_CAST(l."row" AS BIGINT)
LEFT JOIN refused r ON r.file_id = b.file_id AND r.source_row = TRY_CAST(l."row" AS BIGINT)
ORDER BY l.line_no
