-- Creates the temp table classify_texts from input_batch (a registered batch of input lines, from input_batch.sql): the texts `classify --input` labels next.
CREATE OR REPLACE TEMP TABLE classify_texts AS
SELECT line_no::VARCHAR AS posting_id, title, "text" AS description
FROM input_batch
