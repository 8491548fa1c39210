-- Returns the number of postings in classify_texts and an md5 of their sorted ids: which corpus a model was trained on.
SELECT count(*) AS n_postings, md5(coalesce(string_agg(posting_id, ',' ORDER BY posting_id), '')) AS fingerprint
FROM classify_texts
