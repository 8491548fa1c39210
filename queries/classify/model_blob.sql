-- Returns the newest stored classifier, or the one named $model_id, or the newest for curriculum hash $curriculum_hash (NULL = any).
SELECT model_id, curriculum_name, curriculum_hash, trained_at, metadata::VARCHAR AS metadata, model_blob
FROM classifier_models
WHERE ($model_id IS NULL OR model_id = $model_id)
  AND ($curriculum_hash IS NULL OR curriculum_hash = $curriculum_hash)
ORDER BY trained_at DESC, model_id
LIMIT 1
