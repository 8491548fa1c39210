-- Per posting in classify_texts, the topics whose name ($names: list of {topic_id, pattern}) appears in its title or description: the topic-name keyword baseline.
SELECT t.posting_id, n.topic_id
FROM classify_texts AS t
CROSS JOIN (SELECT unnest($names, recursive := true)) AS n
WHERE regexp_matches(coalesce(t.title, '') || chr(10) || coalesce(t.description, ''), n.pattern)
