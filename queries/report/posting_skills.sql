-- Returns each skill listed on postings (the skills column, e.g. LinkedIn's job_skills) with the number of postings in $roles / $industries listing it, and n_scope, the postings in scope that list any skill.
WITH scope AS (
    SELECT posting_id, skills FROM postings
    WHERE skills IS NOT NULL AND len(skills) > 0
      AND ($roles::VARCHAR[] IS NULL OR list_contains($roles::VARCHAR[], role))
      AND ($industries::VARCHAR[] IS NULL OR list_contains($industries::VARCHAR[], naics_sector))
)
SELECT skill, count(DISTINCT posting_id) AS n_postings, (SELECT count(*) FROM scope) AS n_scope
FROM (SELECT posting_id, lower(trim(unnest(skills))) AS skill FROM scope)
WHERE skill <> ''
GROUP BY skill
ORDER BY n_postings DESC, skill
