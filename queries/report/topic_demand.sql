-- Returns, per grouping (dimension 'all', 'role', 'naics_sector', 'state', 'month') and topic, the labelled postings (n_postings), those asking for the topic (n_asking: explicit demand) and those asking for it or for any topic that transitively requires it (n_asking_implicit: implicit demand, through the curriculum's prerequisite links $links, a list of {topic, requires}), among postings in $roles / $industries (NULL = all) labelled by model $model_id.
WITH RECURSIVE edges AS (
    SELECT link.topic, link.requires
    FROM (SELECT unnest($links::STRUCT(topic VARCHAR, requires VARCHAR)[]) AS link)
), closure(topic, requires, path) AS (
    -- topic requires `requires`, directly or through the topics listed in path
    SELECT topic, requires, [topic, requires] FROM edges
    UNION ALL
    SELECT c.topic, e.requires, list_append(c.path, e.requires)
    FROM closure c JOIN edges e ON e.topic = c.requires
    WHERE NOT list_contains(c.path, e.requires)   -- cycles are refused on load; this keeps SQL finite regardless
), labelled AS (
    SELECT DISTINCT posting_id FROM posting_topics WHERE model_id = $model_id
), scope AS (
    SELECT p.posting_id, p.role, p.naics_sector, p.state,
           strftime(date_trunc('month', p.posted_date), '%Y-%m') AS month
    FROM postings p SEMI JOIN labelled l ON l.posting_id = p.posting_id
    WHERE ($roles::VARCHAR[] IS NULL OR list_contains($roles::VARCHAR[], p.role))
      AND ($industries::VARCHAR[] IS NULL OR list_contains($industries::VARCHAR[], p.naics_sector))
), asks AS (
    SELECT DISTINCT posting_id, topic_id FROM posting_topics WHERE model_id = $model_id AND is_positive
), asks_implicit AS (
    SELECT posting_id, topic_id FROM asks
    UNION
    SELECT a.posting_id, c.requires FROM asks a JOIN closure c ON c.topic = a.topic_id
), topics AS (
    SELECT DISTINCT topic_id FROM posting_topics WHERE model_id = $model_id
), grid AS (
    SELECT s.*, t.topic_id, a.posting_id IS NOT NULL AS asks, i.posting_id IS NOT NULL AS asks_implicit
    FROM scope s CROSS JOIN topics t
    LEFT JOIN asks a ON a.posting_id = s.posting_id AND a.topic_id = t.topic_id
    LEFT JOIN asks_implicit i ON i.posting_id = s.posting_id AND i.topic_id = t.topic_id
), grouped AS (
    SELECT CASE WHEN GROUPING(role) = 0 THEN 'role'
                WHEN GROUPING(naics_sector) = 0 THEN 'naics_sector'
                WHEN GROUPING(state) = 0 THEN 'state'
                WHEN GROUPING(month) = 0 THEN 'month'
                ELSE 'all' END AS dimension,
           coalesce(role, naics_sector, state, month) AS value,
           topic_id,
           count(*) AS n_postings,
           count(*) FILTER (WHERE asks) AS n_asking,
           count(*) FILTER (WHERE asks_implicit) AS n_asking_implicit
    FROM grid
    GROUP BY GROUPING SETS ((topic_id), (role, topic_id), (naics_sector, topic_id), (state, topic_id), (month, topic_id))
)
SELECT dimension, coalesce(value, 'all') AS value, topic_id, n_postings, n_asking, n_asking_implicit
FROM grouped
WHERE dimension = 'all' OR value IS NOT NULL
ORDER BY dimension, value, topic_id
