-- Creates the temp table classify_texts with the postings listed in the temp table chosen_postings (posting_id).
CREATE OR REPLACE TEMP TABLE classify_texts AS
SELECT posting_id, title, description FROM stored_postings SEMI JOIN chosen_postings USING (posting_id)
