-- Returns, per topic, how many input texts of `classify --input` ask for it.
SELECT topic_id, count(*) AS n_positive FROM text_topic_scores WHERE is_positive GROUP BY topic_id
