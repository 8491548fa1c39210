-- Returns the first row of the Parquet files $files whose posting is not stored or whose model is not $model_id: file, row (1-based), field and value.
SELECT filename AS file, file_row_number + 1 AS row,
       CASE WHEN model_id IS DISTINCT FROM $model_id THEN 'model_id' ELSE 'posting_id' END AS field,
       CASE WHEN model_id IS DISTINCT FROM $model_id THEN model_id ELSE posting_id END AS value
FROM read_parquet($files, filename = true, file_row_number = true) t
WHERE model_id IS DISTINCT FROM $model_id
   OR NOT EXISTS (SELECT 1 FROM stored_postings p WHERE p.posting_id = t.posting_id)
ORDER BY filename, file_row_number
LIMIT 1
