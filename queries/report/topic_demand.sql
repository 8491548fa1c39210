-- Returns, per grouping (dimension 'all', 'role', 'naics_sector', 'state', 'month' posted, 'first_seen': month a job-board snapshot first listed the posting) and topic, the labelled postings (n_postings), those asking for the topic (n_asking: explicit demand) and those asking for it or for any topic that transitively requires it (n_asking_implicit: implicit demand, through the curriculum's prerequisite links $links, a list of {topic, requires}), among postings in $roles / $industries (NULL = all) labelled by model $model_id.
WITH labelled AS (
    SELECT DISTINCT posting_id FROM posting_topics WHERE model_id = $model_id
), scope AS (
    SELECT p.posting_id, p.role, p.naics_sector, p.state,
           strftime(date_trunc('month', p.posted_date), '%Y-%m') AS month,
           strftime(date_trunc('month', p.first_seen), '%Y-%m') AS first_seen
    FROM postings p SEMI JOIN labelled l ON l.posting_id = p.posting_id
    WHERE ($roles::VARCHAR[] IS NULL OR list_contains($roles::VARCHAR[], p.role))
      AND ($industries::VARCHAR[] IS NULL OR list_contains($industries::VARCHAR[], p.naics_sector))
), demand AS (   -- see report/prerequisite_closure_macro.sql
    SELECT * FROM topic_demand_of($model_id, $links)
), topics AS (
    SELECT DISTINCT topic_id FROM posting_topics WHERE model_id = $model_id
), group_sizes AS (   -- postings per group: counted once, not once per topic
    SELECT CASE WHEN GROUPING(role) = 0 THEN 'role'
                WHEN GROUPING(naics_sector) = 0 THEN 'naics_sector'
                WHEN GROUPING(state) = 0 THEN 'state'
                WHEN GROUPING(month) = 0 THEN 'month'
                WHEN GROUPING(first_seen) = 0 THEN 'first_seen'
                ELSE 'all' END AS dimension,
           coalesce(role, naics_sector, state, month, first_seen, 'all') AS value,
           count(*) AS n_postings
    FROM scope
    GROUP BY GROUPING SETS ((), (role), (naics_sector), (state), (month), (first_seen))
    HAVING count(*) > 0
       AND (GROUPING(role, naics_sector, state, month, first_seen) = 31
            OR coalesce(role, naics_sector, state, month, first_seen) IS NOT NULL)
), asking AS (   -- postings asking, per group and topic: only the (posting, topic) pairs that ask are read
    SELECT CASE WHEN GROUPING(s.role) = 0 THEN 'role'
                WHEN GROUPING(s.naics_sector) = 0 THEN 'naics_sector'
                WHEN GROUPING(s.state) = 0 THEN 'state'
                WHEN GROUPING(s.month) = 0 THEN 'month'
                WHEN GROUPING(s.first_seen) = 0 THEN 'first_seen'
                ELSE 'all' END AS dimension,
           coalesce(s.role, s.naics_sector, s.state, s.month, s.first_seen, 'all') AS value,
           d.topic_id,
           count(*) FILTER (WHERE d.explicit) AS n_asking,
           count(*) AS n_asking_implicit
    FROM scope s JOIN demand d ON d.posting_id = s.posting_id
    GROUP BY GROUPING SETS ((d.topic_id), (s.role, d.topic_id), (s.naics_sector, d.topic_id),
                            (s.state, d.topic_id), (s.month, d.topic_id), (s.first_seen, d.topic_id))
)
SELECT g.dimension, g.value, t.topic_id, g.n_postings,
       coalesce(a.n_asking, 0) AS n_asking, coalesce(a.n_asking_implicit, 0) AS n_asking_implicit
FROM group_sizes g
CROSS JOIN topics t
LEFT JOIN asking a ON a.dimension = g.dimension AND a.value = g.value AND a.topic_id = t.topic_id
ORDER BY g.dimension, g.value, t.topic_id
