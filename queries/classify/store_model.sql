-- Stores a trained classifier (replacing one with the same id) with its curriculum, date, metadata JSON and serialised model.
DELETE FROM classifier_models WHERE model_id = $model_id;
INSERT INTO classifier_models VALUES ($model_id, $curriculum_name, $curriculum_hash, $trained_at, $metadata::JSON, $model_blob)
