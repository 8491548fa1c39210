-- Creates the temp table classify_texts with a deterministic sample of about $max_postings postings (hash of id and $seed): the training corpus.
CREATE OR REPLACE TEMP TABLE classify_texts AS
SELECT posting_id, title, description
FROM stored_postings
WHERE hash(posting_id || $seed::VARCHAR)
      % greatest(1, ceil((SELECT count(*) FROM stored_postings) / $max_postings))::UBIGINT = 0
