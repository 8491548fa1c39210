-- Returns, per topic, how many postings posting_topics says ask for it.
SELECT topic_id, count(*) AS n_positive FROM posting_topics WHERE is_positive GROUP BY topic_id
