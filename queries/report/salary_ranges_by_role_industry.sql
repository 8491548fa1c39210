-- Returns annual-USD salary percentiles (p10, p25, median, p75, p90), n and n_distinct (distinct salary values: site estimates repeat in blocks) of US postings by role x NAICS sector x salary kind (employer, estimate, or unstated), with 'all' rows pooling sectors and kinds; one posting counts once, at the midpoint of its range; salaries below $salary_floor are left out as implausible.
WITH scope AS (
    SELECT role, coalesce(naics_sector, 'unmapped') AS naics_sector, coalesce(salary_kind, 'unstated') AS salary_kind,
           source, salary_mid_usd AS salary
    FROM postings
    WHERE salary_mid_usd IS NOT NULL AND salary_flag IS NULL AND salary_mid_usd >= $salary_floor
      AND country = 'US' AND role IS NOT NULL
      AND ($roles::VARCHAR[] IS NULL OR list_contains($roles::VARCHAR[], role))
      AND ($industries::VARCHAR[] IS NULL OR list_contains($industries::VARCHAR[], naics_sector))
)
SELECT role,
       CASE WHEN GROUPING(naics_sector) = 1 THEN 'all' ELSE naics_sector END AS naics_sector,
       CASE WHEN GROUPING(salary_kind) = 1 THEN 'all' ELSE salary_kind END AS salary_kind,
       count(*) AS n,
       count(DISTINCT salary) AS n_distinct,
       quantile_cont(salary, 0.10) AS p10,
       quantile_cont(salary, 0.25) AS p25,
       quantile_cont(salary, 0.50) AS median,
       quantile_cont(salary, 0.75) AS p75,
       quantile_cont(salary, 0.90) AS p90,
       string_agg(DISTINCT source, ', ' ORDER BY source) AS sources
FROM scope
GROUP BY GROUPING SETS ((role, naics_sector, salary_kind), (role, naics_sector), (role, salary_kind), (role))
ORDER BY role, naics_sector, salary_kind
