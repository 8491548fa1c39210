-- Returns, per period in $periods ('all', a year 'YYYY' or a month 'YYYY-MM'), the postings in scope (roles $roles, NAICS sectors $industries, NULL = all; with $model_id, only postings that model labelled) and how many of them ask for topic $topic (labelled positive by $model_id) or, with $role, were posted for that role.
WITH scope AS (
    SELECT p.posting_id, p.role, strftime(p.posted_date, '%Y-%m') AS month
    FROM postings p
    WHERE ($model_id::VARCHAR IS NULL
           OR p.posting_id IN (SELECT posting_id FROM posting_topics WHERE model_id = $model_id))
      AND ($roles::VARCHAR[] IS NULL OR list_contains($roles::VARCHAR[], p.role))
      AND ($industries::VARCHAR[] IS NULL OR list_contains($industries::VARCHAR[], p.naics_sector))
), asking AS (
    SELECT DISTINCT posting_id FROM posting_topics
    WHERE model_id = $model_id AND topic_id = $topic AND is_positive
), periods AS (
    SELECT unnest($periods::VARCHAR[]) AS period
)
SELECT d.period, count(s.posting_id) AS n_postings,
       count(s.posting_id) FILTER (WHERE s.role = $role OR s.posting_id IN (SELECT posting_id FROM asking)) AS n_asking
FROM periods d
LEFT JOIN scope s ON d.period = 'all' OR starts_with(s.month, d.period)
GROUP BY d.period
