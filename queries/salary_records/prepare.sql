-- Checks and types the staged survey records (temp table staged_salary_records), records rejects, and lists the titles to map.
-- staged_salary_records columns, text as published unless noted: source_row, work_year, experience_level,
-- employment_type, job_title, salary, salary_currency, salary_usd, employee_country, company_country,
-- company_size, remote_ratio, repeats_earlier_row (BOOLEAN: identical to an earlier row of the same file),
-- problems (list of STRUCT(field, reason, raw_value, action)); action 'row_rejected' refuses the row.
-- Any survey format can reuse this and salary_records/insert.sql: only the staging query is its own.

CREATE OR REPLACE TEMP TABLE checked_salary_records AS
WITH typed AS (
    SELECT *,
           TRY_CAST(work_year AS INTEGER) AS work_year_number,
           TRY_CAST(salary AS DOUBLE) AS salary_number,
           TRY_CAST(salary_usd AS DOUBLE) AS salary_usd_number,
           TRY_CAST(remote_ratio AS INTEGER) AS remote_ratio_number
    FROM staged_salary_records
), checked AS (
    SELECT *,
        -- isfinite: TRY_CAST reads 'inf' and 'infinity' as numbers
        salary IS NOT NULL AND NOT coalesce(isfinite(salary_number) AND salary_number >= 0, false) AS bad_salary,
        salary_usd IS NOT NULL AND NOT coalesce(isfinite(salary_usd_number) AND salary_usd_number >= 0, false) AS bad_salary_usd,
        work_year IS NOT NULL AND work_year_number IS NULL AS bad_work_year,
        -- a survey year after next year is a typo or a shifted column, never an answer
        coalesce(work_year_number > year(current_date) + 1, false) AS future_work_year,
        remote_ratio IS NOT NULL AND NOT coalesce(remote_ratio_number BETWEEN 0 AND 100, false) AS bad_remote_ratio
    FROM typed
), base AS (
    SELECT *,
        list_concat(
            coalesce(problems, []),
            CASE WHEN job_title IS NULL
                 THEN [{'field': 'job_title', 'reason': 'no job title', 'raw_value': NULL::VARCHAR, 'action': 'row_rejected'}]
                 ELSE [] END,
            CASE WHEN bad_salary
                 THEN [{'field': 'salary', 'reason': 'salary is not a non-negative number', 'raw_value': salary, 'action': 'field_cleared'}]
                 ELSE [] END,
            CASE WHEN bad_salary_usd
                 THEN [{'field': 'salary_usd', 'reason': 'salary is not a non-negative number', 'raw_value': salary_usd, 'action': 'field_cleared'}]
                 ELSE [] END,
            CASE WHEN bad_work_year
                 THEN [{'field': 'work_year', 'reason': 'not a year', 'raw_value': work_year, 'action': 'field_cleared'}]
                 ELSE [] END,
            CASE WHEN future_work_year
                 THEN [{'field': 'work_year', 'reason': 'year in the future', 'raw_value': work_year, 'action': 'field_cleared'}]
                 ELSE [] END,
            CASE WHEN bad_remote_ratio
                 THEN [{'field': 'remote_ratio', 'reason': 'not a percentage from 0 to 100', 'raw_value': remote_ratio, 'action': 'field_cleared'}]
                 ELSE [] END
        ) AS all_problems
    FROM checked
)
SELECT source_row,
       CASE WHEN NOT future_work_year THEN work_year_number END AS work_year,
       experience_level, employment_type, job_title,
       CASE WHEN NOT bad_salary THEN salary_number END AS salary,
       salary_currency,
       CASE WHEN NOT bad_salary_usd THEN salary_usd_number END AS salary_usd,
       employee_country, company_country, company_size,
       CASE WHEN NOT bad_remote_ratio THEN remote_ratio_number END AS remote_ratio,
       coalesce(repeats_earlier_row, false) AS repeats_earlier_row,
       all_problems AS problems,
       list_bool_or(list_transform(all_problems, lambda p: p.action = 'row_rejected')) AS rejected,
       text_key(job_title) AS title_key,
       lower(trim(experience_level)) AS seniority_key
FROM base;

INSERT INTO rejects
SELECT $file_id, $file_name, source_row, p.field, p.reason, p.raw_value, p.action
FROM (SELECT source_row, unnest(problems) AS p FROM checked_salary_records WHERE len(problems) > 0);

CREATE OR REPLACE TEMP TABLE titles_to_map AS
SELECT DISTINCT title_key, seniority_key FROM checked_salary_records WHERE NOT coalesce(rejected, false);
