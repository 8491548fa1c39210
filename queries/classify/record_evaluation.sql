-- Stores a held-out evaluation in the model's metadata (key 'evaluation'), so reports can show the measured accuracy.
UPDATE classifier_models
SET metadata = json_merge_patch(metadata, json_object('evaluation', $evaluation::JSON))
WHERE model_id = $model_id
