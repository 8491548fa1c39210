-- Returns the topics model $model_id labelled postings with (topic_id).
SELECT DISTINCT topic_id FROM posting_topics WHERE model_id = $model_id
