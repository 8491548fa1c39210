-- Returns survey salary percentiles (annual USD), n and the first and last work year by role, experience level and employee country, with 'all' rows pooling levels and countries; every work year is pooled.
WITH scope AS (
    SELECT role, coalesce(experience_level, 'unknown') AS experience_level,
           coalesce(employee_country, 'unknown') AS country, source, salary_usd AS salary, work_year
    FROM salary_records
    WHERE salary_usd IS NOT NULL AND salary_flag IS NULL AND role IS NOT NULL
      AND ($roles::VARCHAR[] IS NULL OR list_contains($roles::VARCHAR[], role))
)
SELECT role,
       CASE WHEN GROUPING(experience_level) = 1 THEN 'all' ELSE experience_level END AS experience_level,
       CASE WHEN GROUPING(country) = 1 THEN 'all' ELSE country END AS country,
       count(*) AS n,
       quantile_cont(salary, 0.10) AS p10,
       quantile_cont(salary, 0.25) AS p25,
       quantile_cont(salary, 0.50) AS median,
       quantile_cont(salary, 0.75) AS p75,
       quantile_cont(salary, 0.90) AS p90,
       string_agg(DISTINCT source, ', ' ORDER BY source) AS sources,
       min(work_year) AS first_year,
       max(work_year) AS last_year
FROM scope
GROUP BY GROUPING SETS ((role), (role, experience_level), (role, country), (role, experience_level, country))
ORDER BY role, experience_level, country
