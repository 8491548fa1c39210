-- Returns, per month of first seen (first_seen, 'YYYY-MM') and source, the labelled job-board postings first listed that month (n_postings), among postings in $roles / $industries (NULL = all) labelled by model $model_id.
SELECT strftime(date_trunc('month', p.first_seen), '%Y-%m') AS first_seen, p.source, count(*) AS n_postings
FROM postings p
SEMI JOIN (SELECT DISTINCT posting_id FROM posting_topics WHERE model_id = $model_id) l ON l.posting_id = p.posting_id
WHERE p.first_seen IS NOT NULL
  AND ($roles::VARCHAR[] IS NULL OR list_contains($roles::VARCHAR[], p.role))
  AND ($industries::VARCHAR[] IS NULL OR list_contains($industries::VARCHAR[], p.naics_sector))
GROUP BY ALL
ORDER BY first_seen, source
