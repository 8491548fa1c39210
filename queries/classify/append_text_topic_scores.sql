-- Appends one batch's posting_topic_scores to text_topic_scores.
INSERT INTO text_topic_scores SELECT posting_id, topic_id, score, is_positive, evidence FROM posting_topic_scores
