-- Returns one row per (topic, role, asks): the annual USD salary midpoints (salaries, a sorted list) of US postings that do or do not ask for the topic, for postings in $roles / $industries labelled by model $model_id. Only employer-stated salaries of at least $salary_floor count (a site estimate is the site's model of pay, not the employer's), and only recognised roles ('other' is not a role to compare within).
WITH scope AS (
    SELECT p.posting_id, p.role, p.salary_mid_usd AS salary
    FROM postings p
    WHERE p.salary_mid_usd IS NOT NULL AND p.salary_flag IS NULL AND p.country = 'US' AND p.role IS NOT NULL
      AND p.salary_kind = 'employer' AND p.salary_mid_usd >= $salary_floor AND p.role <> 'other'
      AND ($roles::VARCHAR[] IS NULL OR list_contains($roles::VARCHAR[], p.role))
      AND ($industries::VARCHAR[] IS NULL OR list_contains($industries::VARCHAR[], p.naics_sector))
      AND p.posting_id IN (SELECT posting_id FROM posting_topics WHERE model_id = $model_id)
), topics AS (
    SELECT DISTINCT topic_id FROM posting_topics WHERE model_id = $model_id
), asks AS (
    SELECT DISTINCT posting_id, topic_id FROM posting_topics WHERE model_id = $model_id AND is_positive
)
SELECT t.topic_id, s.role, a.posting_id IS NOT NULL AS asks, list(s.salary ORDER BY s.salary) AS salaries
FROM scope s CROSS JOIN topics t
LEFT JOIN asks a ON a.posting_id = s.posting_id AND a.topic_id = t.topic_id
GROUP BY t.topic_id, s.role, asks
ORDER BY t.topic_id, s.role, asks
