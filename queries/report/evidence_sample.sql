-- Returns, per topic, up to $per_topic postings labelled as asking for it by model $model_id, drawn at random (by a hash of the posting id and $seed, so a rebuilt report shows the same ones), with the posting's title, the evidence sentence and the score: for a reader to judge.
SELECT t.topic_id, p.title, t.evidence, t.score
FROM posting_topics t JOIN postings p USING (posting_id)
WHERE t.model_id = $model_id AND t.is_positive AND t.evidence IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY t.topic_id ORDER BY hash(t.posting_id || $seed::VARCHAR), t.posting_id) <= $per_topic
ORDER BY t.topic_id, hash(t.posting_id || $seed::VARCHAR), t.posting_id
