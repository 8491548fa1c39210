-- Creates the temp table classify_texts from posting_batch (a registered Arrow batch of posting_id, title, description): the postings a classify batch labels, whatever engine read them.
CREATE OR REPLACE TEMP TABLE classify_texts AS
SELECT posting_id::VARCHAR AS posting_id, title::VARCHAR AS title, description::VARCHAR AS description
FROM posting_batch
