-- Returns, per grouping (dimension 'all', 'role', 'naics_sector', 'state', 'month') and topic, the labelled postings (n_postings) and those asking for the topic (n_asking), among postings in $roles / $industries (NULL = all) labelled by model $model_id.
WITH labelled AS (
    SELECT DISTINCT posting_id FROM posting_topics WHERE model_id = $model_id
), scope AS (
    SELECT p.posting_id, p.role, p.naics_sector, p.state,
           strftime(date_trunc('month', p.posted_date), '%Y-%m') AS month
    FROM postings p SEMI JOIN labelled l ON l.posting_id = p.posting_id
    WHERE ($roles::VARCHAR[] IS NULL OR list_contains($roles::VARCHAR[], p.role))
      AND ($industries::VARCHAR[] IS NULL OR list_contains($industries::VARCHAR[], p.naics_sector))
), asks AS (
    SELECT DISTINCT posting_id, topic_id FROM posting_topics WHERE model_id = $model_id AND is_positive
), topics AS (
    SELECT DISTINCT topic_id FROM posting_topics WHERE model_id = $model_id
), grid AS (
    SELECT s.*, t.topic_id, a.posting_id IS NOT NULL AS asks
    FROM scope s CROSS JOIN topics t
    LEFT JOIN asks a ON a.posting_id = s.posting_id AND a.topic_id = t.topic_id
), grouped AS (
    SELECT CASE WHEN GROUPING(role) = 0 THEN 'role'
                WHEN GROUPING(naics_sector) = 0 THEN 'naics_sector'
                WHEN GROUPING(state) = 0 THEN 'state'
                WHEN GROUPING(month) = 0 THEN 'month'
                ELSE 'all' END AS dimension,
           coalesce(role, naics_sector, state, month) AS value,
           topic_id,
           count(*) AS n_postings,
           count(*) FILTER (WHERE asks) AS n_asking
    FROM grid
    GROUP BY GROUPING SETS ((topic_id), (role, topic_id), (naics_sector, topic_id), (state, topic_id), (month, topic_id))
)
SELECT dimension, coalesce(value, 'all') AS value, topic_id, n_postings, n_asking
FROM grouped
WHERE dimension = 'all' OR value IS NOT NULL
ORDER BY dimension, value, topic_id
