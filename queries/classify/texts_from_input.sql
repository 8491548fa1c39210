-- Creates the temp table classify_texts with the input lines numbered in ($first, $first + $count]: one batch of `classify --input`.
CREATE OR REPLACE TEMP TABLE classify_texts AS
SELECT line_no::VARCHAR AS posting_id, title, "text" AS description
FROM classify_input
WHERE line_no > $first AND line_no <= $first + $count
