-- Appends one batch's labels (the registered Arrow table batch_rows, from batch_posting_topics) to building_topics.
INSERT INTO building_topics SELECT * FROM batch_rows
