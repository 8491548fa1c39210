-- Gives each accepted row of a job-board snapshot the posting_id its provider id was stored under before (or that of its first row in this file): one posting stays one across snapshots, however its text is edited.

CREATE OR REPLACE TEMP TABLE board_posting_ids AS
WITH keyed AS (
    SELECT c.source_row, c.posting_id, s.source_key
    FROM checked_postings c JOIN staged_postings s ON s.source_row = c.source_row
    WHERE NOT coalesce(c.rejected, false)
), first_in_file AS (
    SELECT source_key, arg_min(posting_id, source_row) AS posting_id FROM keyed GROUP BY source_key
), seen_before AS (
    SELECT source_key, min(posting_id) AS posting_id FROM posting_sightings GROUP BY source_key
)
SELECT k.source_row, coalesce(b.posting_id, f.posting_id) AS posting_id
FROM keyed k
JOIN first_in_file f ON f.source_key = k.source_key
LEFT JOIN seen_before b ON b.source_key = k.source_key;

UPDATE checked_postings c SET posting_id = b.posting_id
FROM board_posting_ids b
WHERE c.source_row = b.source_row AND c.posting_id <> b.posting_id;
