-- Returns posting_topic_scores of one batch of `classify --input` texts, to append on the main connection.
SELECT posting_id, topic_id, score, is_positive, evidence FROM posting_topic_scores
