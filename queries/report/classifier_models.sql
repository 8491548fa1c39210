-- Returns the trained classifiers, newest first, with their metadata JSON and how many postings each has labelled.
SELECT m.model_id, m.curriculum_name, m.curriculum_hash, m.trained_at, m.metadata::VARCHAR AS metadata,
       (SELECT count(DISTINCT t.posting_id) FROM posting_topics t WHERE t.model_id = m.model_id) AS postings_labelled
FROM classifier_models m
ORDER BY m.trained_at DESC, m.model_id
