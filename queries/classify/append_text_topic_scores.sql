-- Appends one batch's text scores (the registered Arrow table batch_rows, from batch_text_scores) to text_topic_scores.
INSERT INTO text_topic_scores SELECT posting_id, topic_id, score, is_positive, evidence FROM batch_rows
