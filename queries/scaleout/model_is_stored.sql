-- Returns how many stored classifiers have the id $model_id (0 or 1).
SELECT count(*) AS n FROM classifier_models WHERE model_id = $model_id
