-- Appends the topic rows of the Parquet files $files (an engine's output parts) to building_topics.
INSERT INTO building_topics
SELECT posting_id, topic_id, score, is_positive, evidence, model_id FROM read_parquet($files)
