-- Replaces temp table linkedin_job_skills (job_id, skill_abr, file_row) with the LinkedIn companion jobs/job_skills.csv: one row per (job, job-function code such as 'IT').

CREATE OR REPLACE TEMP TABLE linkedin_job_skills AS
SELECT linkedin_id(job_id) AS job_id, clean_text(skill_abr) AS skill_abr, row_number() OVER () AS file_row
FROM strict_csv($companion_path, $companion_delim, $companion_quote, $companion_columns);
