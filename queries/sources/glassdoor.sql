-- Stages a Glassdoor data-jobs export (2020 DataAnalyst.csv layout, glassdoor_jobs.csv, Uncleaned_DS_jobs.csv) as staged_postings.
-- '-1' means missing in any column; 'Company Name' carries the rating after a newline; salaries are strings
-- such as '$37K-$66K (Glassdoor est.)', '$17-$24 Per Hour(Glassdoor est.)', 'Employer Provided Salary:$150K-$160K'.

CREATE OR REPLACE TEMP TABLE staged_postings AS
WITH raw AS (
    SELECT NULL::BIGINT AS source_row, *    -- numbered after staging (postings/number_staged.sql)
    FROM strict_csv_unnumbered($path, $delim, $quote, $columns)
), cleaned AS (
    SELECT source_row,
           clean_text("Job Title") AS title,
           clean_text("Job Description") AS description,
           clean_text(regexp_replace("Company Name", '\r?\n\s*-?[0-9.]+\s*$', '')) AS company,
           clean_text("Industry") AS industry_raw,
           clean_text("Sector") AS sector_raw,
           clean_text("Location") AS location_raw,
           clean_text("Salary Estimate") AS salary_text
    FROM raw
)
SELECT source_row,
       NULL::VARCHAR AS source_key,
       title, description, company, industry_raw, sector_raw, location_raw,
       NULL::VARCHAR AS seniority_raw,
       NULL::VARCHAR AS employment_type,
       NULL::VARCHAR[] AS skills,
       NULL::BOOLEAN AS remote_raw,
       NULL::DATE AS posted_date,
       salary_text,
       glassdoor_salary_min(salary_text) AS salary_min,
       glassdoor_salary_max(salary_text) AS salary_max,
       glassdoor_salary_period(salary_text) AS salary_period,
       CASE WHEN salary_text IS NOT NULL THEN 'USD' END AS salary_currency,
       glassdoor_salary_kind(salary_text) AS salary_kind,
       CASE WHEN salary_text IS NOT NULL AND glassdoor_salary_min(salary_text) IS NULL
            THEN [{'field': 'Salary Estimate', 'reason': 'salary not understood', 'raw_value': salary_text, 'action': 'field_cleared'}]
            ELSE [] END AS problems
FROM cleaned;
