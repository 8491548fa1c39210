-- Returns the real postings of the seed store (temp table real_postings), one row each, with the group they are resampled within and a Glassdoor-style salary string.
-- A group is role x NAICS sector where that cell holds at least $min_group postings, else the role alone, and roles with fewer than $min_group postings share one group, so no group is too small to vary.
CREATE OR REPLACE TEMP TABLE real_postings AS
WITH cells AS (
    SELECT *, coalesce(role, 'other') AS role_key, coalesce(naics_sector, '-') AS sector_key,
           count(*) OVER (PARTITION BY coalesce(role, 'other'), coalesce(naics_sector, '-')) AS cell_size,
           count(*) OVER (PARTITION BY coalesce(role, 'other')) AS role_size
    FROM seed.stored_postings
    WHERE description IS NOT NULL AND length(description) >= 200
)
SELECT row_number() OVER (ORDER BY posting_id) - 1 AS real_id,
       CASE WHEN cell_size >= $min_group THEN role_key || '/' || sector_key
            WHEN role_size >= $min_group THEN role_key || '/*'
            ELSE 'rare roles/*' END AS grp,
       title, description, company, location_raw, industry_raw, sector_raw,
       CASE WHEN salary_currency IS DISTINCT FROM 'USD' OR salary_min IS NULL THEN '-1'
            WHEN salary_period = 'year'
                 THEN format('${}K-${}K (Glassdoor est.)', round(salary_min / 1000)::BIGINT, round(coalesce(salary_max, salary_min) / 1000)::BIGINT)
            WHEN salary_period = 'hour'
                 THEN format('${}-${} Per Hour(Glassdoor est.)', round(salary_min)::BIGINT, round(coalesce(salary_max, salary_min))::BIGINT)
            ELSE '-1' END AS salary_estimate
FROM cells;
