-- Replaces temp table linkedin_job_industries (job_id, industry_id) with the LinkedIn companion jobs/job_industries.csv: one row per (job, LinkedIn industry id).

CREATE OR REPLACE TEMP TABLE linkedin_job_industries AS
SELECT linkedin_id(job_id) AS job_id, linkedin_id(industry_id) AS industry_id
FROM read_csv($companion_path, header = true, auto_detect = false, delim = $companion_delim, quote = $companion_quote,
              escape = $companion_quote, strict_mode = true, columns = $companion_columns);
