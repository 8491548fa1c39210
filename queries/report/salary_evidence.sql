-- Returns, per posting source, what the report's posting salaries rest on, among US postings with a known role in $roles / $industries: n_salary (salaries used: unflagged and at least $salary_floor), n_employer and n_estimate (employer-stated, site estimates), n_distinct (distinct salary values), n_below_floor (left out as implausible), n_flagged (flagged at load), n_dated, first_year and last_year of the dated ones.
WITH scope AS (
    SELECT source, salary_mid_usd AS salary, salary_kind, salary_flag, posted_date
    FROM postings
    WHERE salary_mid_usd IS NOT NULL AND country = 'US' AND role IS NOT NULL
      AND ($roles::VARCHAR[] IS NULL OR list_contains($roles::VARCHAR[], role))
      AND ($industries::VARCHAR[] IS NULL OR list_contains($industries::VARCHAR[], naics_sector))
), used AS (
    SELECT *, salary_flag IS NULL AND salary >= $salary_floor AS is_used FROM scope
)
SELECT source,
       count(*) FILTER (WHERE is_used) AS n_salary,
       count(*) FILTER (WHERE is_used AND salary_kind = 'employer') AS n_employer,
       count(*) FILTER (WHERE is_used AND salary_kind = 'estimate') AS n_estimate,
       count(DISTINCT salary) FILTER (WHERE is_used) AS n_distinct,
       count(*) FILTER (WHERE salary_flag IS NULL AND salary < $salary_floor) AS n_below_floor,
       count(*) FILTER (WHERE salary_flag IS NOT NULL) AS n_flagged,
       count(posted_date) FILTER (WHERE is_used) AS n_dated,
       min(year(posted_date)) FILTER (WHERE is_used) AS first_year,
       max(year(posted_date)) FILTER (WHERE is_used) AS last_year
FROM used
GROUP BY source
ORDER BY n_salary DESC, source
