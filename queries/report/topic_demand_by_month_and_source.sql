-- Returns, per month posted (dimension 'month') or month first seen ('first_seen'), posting source and topic: the labelled postings (n_postings), those asking for the topic (n_asking) and those asking for it or for a topic that requires it (n_asking_implicit, through the links $links), among postings in $roles / $industries (NULL = all) labelled by model $model_id; postings without that date are left out.
WITH labelled AS (
    SELECT DISTINCT posting_id FROM posting_topics WHERE model_id = $model_id
), filtered AS (
    SELECT p.posting_id, p.source, p.posted_date, p.first_seen
    FROM postings p SEMI JOIN labelled l ON l.posting_id = p.posting_id
    WHERE ($roles::VARCHAR[] IS NULL OR list_contains($roles::VARCHAR[], p.role))
      AND ($industries::VARCHAR[] IS NULL OR list_contains($industries::VARCHAR[], p.naics_sector))
), scope AS (
    SELECT posting_id, source, 'month' AS dimension, strftime(date_trunc('month', posted_date), '%Y-%m') AS value
    FROM filtered WHERE posted_date IS NOT NULL
    UNION ALL
    SELECT posting_id, source, 'first_seen', strftime(date_trunc('month', first_seen), '%Y-%m')
    FROM filtered WHERE first_seen IS NOT NULL
), demand AS (   -- see report/prerequisite_closure_macro.sql
    SELECT * FROM topic_demand_of($model_id, $links)
), topics AS (
    SELECT DISTINCT topic_id FROM posting_topics WHERE model_id = $model_id
), sizes AS (
    SELECT dimension, value, source, count(*) AS n_postings FROM scope GROUP BY ALL
), asking AS (
    SELECT s.dimension, s.value, s.source, d.topic_id,
           count(*) FILTER (WHERE d.explicit) AS n_asking, count(*) AS n_asking_implicit
    FROM scope s JOIN demand d ON d.posting_id = s.posting_id
    GROUP BY ALL
)
SELECT g.dimension, g.value, g.source, t.topic_id, g.n_postings,
       coalesce(a.n_asking, 0) AS n_asking, coalesce(a.n_asking_implicit, 0) AS n_asking_implicit
FROM sizes g
CROSS JOIN topics t
LEFT JOIN asking a ON a.dimension = g.dimension AND a.value = g.value AND a.source = g.source
                  AND a.topic_id = t.topic_id
ORDER BY g.dimension, g.value, g.source, t.topic_id
