-- Returns, per topic, how many postings posting_topics says ask for it by model $model_id.
SELECT topic_id, count(*) AS n_positive FROM posting_topics WHERE is_positive AND model_id = $model_id GROUP BY topic_id
