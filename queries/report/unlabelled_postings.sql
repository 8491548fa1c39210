-- Returns, per file, the stored postings that model $model_id has not labelled (loaded after the last classify): source_file, n; the largest first.
SELECT s.file_name AS source_file, count(*) AS n
FROM stored_postings p JOIN sources s USING (file_id)
WHERE NOT EXISTS (SELECT 1 FROM posting_topics t WHERE t.posting_id = p.posting_id AND t.model_id = $model_id)
GROUP BY s.file_name
ORDER BY n DESC, source_file
