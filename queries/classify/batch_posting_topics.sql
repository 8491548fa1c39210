-- Returns model $model_id's labels for the postings of classify_texts (one batch): one row per (posting, topic) in the shape of posting_topics, score 0 and no evidence where no sentence was a candidate.
SELECT p.posting_id, t.topic_id, coalesce(s.score, 0.0) AS score, coalesce(s.is_positive, false) AS is_positive,
       s.evidence, $model_id AS model_id
FROM (SELECT DISTINCT posting_id FROM classify_texts) p
CROSS JOIN (SELECT unnest($topic_ids::VARCHAR[]) AS topic_id) t
LEFT JOIN posting_topic_scores s ON s.posting_id = p.posting_id AND s.topic_id = t.topic_id
