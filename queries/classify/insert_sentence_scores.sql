-- Appends one batch of scored candidate sentences (the registered Arrow table scored_batch) to sentence_scores.
INSERT INTO sentence_scores SELECT posting_id, topic_id, score, rank, evidence, anchor FROM scored_batch
