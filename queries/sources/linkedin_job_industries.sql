-- Replaces temp table linkedin_job_industries (job_id, industry_id) with the LinkedIn companion jobs/job_industries.csv: one row per (job, LinkedIn industry id).

CREATE OR REPLACE TEMP TABLE linkedin_job_industries AS
SELECT linkedin_id(job_id) AS job_id, linkedin_id(industry_id) AS industry_id
FROM strict_csv($companion_path, $companion_delim, $companion_quote, $companion_columns);
