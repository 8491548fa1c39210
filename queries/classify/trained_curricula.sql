-- Returns one row per curriculum that has a stored classifier, the newest trained first: its content hash, name and source (as its newest model records them), how many models it has, and its newest model's id and training time.
SELECT curriculum_hash,
       arg_max(curriculum_name, trained_at) AS curriculum_name,
       arg_max(json_extract_string(metadata, '$.curriculum.source'), trained_at) AS curriculum_source,
       count(*) AS n_models,
       arg_max(model_id, trained_at) AS newest_model_id,
       max(trained_at) AS newest_trained_at
FROM classifier_models
GROUP BY curriculum_hash
ORDER BY newest_trained_at DESC, newest_model_id
