-- Returns one row per posting source: postings, how many have an annual salary (employer-stated and estimated), a date, a known role, NAICS sector and US state.
SELECT source,
       count(*) AS postings,
       count(*) FILTER (WHERE salary_mid_usd IS NOT NULL AND salary_flag IS NULL) AS with_salary,
       count(*) FILTER (WHERE salary_mid_usd IS NOT NULL AND salary_flag IS NULL AND salary_kind = 'employer') AS salary_employer,
       count(*) FILTER (WHERE salary_mid_usd IS NOT NULL AND salary_flag IS NULL AND salary_kind = 'estimate') AS salary_estimate,
       count(*) FILTER (WHERE salary_flag IS NOT NULL) AS salary_flagged,
       count(posted_date) AS dated,
       min(posted_date) AS first_posted,
       max(posted_date) AS last_posted,
       count(*) FILTER (WHERE role IS NOT NULL AND role <> 'other') AS with_role,
       count(naics_sector) AS with_sector,
       count(state) AS with_state
FROM postings
GROUP BY source
ORDER BY postings DESC, source
