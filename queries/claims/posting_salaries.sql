-- Returns the annual-USD salaries of US postings for SOC code $soc_code (one posting counts once, at the midpoint of its range): n, how many are synthetic demonstration postings, median and 90th percentile.
SELECT count(*) AS n, count(*) FILTER (WHERE source = 'demo') AS n_demo,
       quantile_cont(salary_mid_usd, 0.5) AS median, quantile_cont(salary_mid_usd, 0.9) AS p90
FROM postings
WHERE soc_code = $soc_code AND salary_mid_usd IS NOT NULL AND salary_flag IS NULL AND country = 'US'
