-- Migrates the store to schema version 2: survey releases. A newer download of a survey supersedes the older one, so the salary_records view shows the records of the current release of each survey only.

-- One row per loaded survey file: the survey it is a release of, and whether it is that survey's current release.
-- The survey is the format and the file name without its compression suffix and the marks a re-download adds
-- (' (1)', '-copy', a date such as '-2025-01-19'): salaries.csv, salaries (1).csv.gz and salaries-2025-02-02.csv
-- are releases of one survey; ds_salaries.csv and ds_salaries_2023.csv are two. The current release reaches the
-- latest work_year, then holds the most records, then was loaded last.
CREATE OR REPLACE VIEW survey_releases AS
WITH releases AS (
    SELECT s.file_id, s.file_name, s.format, s.rows_loaded AS records, s.loaded_at,
           s.format || ':' || regexp_replace(
               regexp_replace(lower(s.file_name), '(\.(csv|tsv|txt|gz|zip))+$', ''),
               '([ _.-]*\(\d+\)|[ _.-]+copy|[ _.-]+(\d{4}-\d{2}-\d{2}|\d{8}))+$', '') AS survey,
           (SELECT max(r.work_year) FROM stored_salary_records r WHERE r.file_id = s.file_id) AS last_work_year
    FROM sources s
    WHERE s.kind = 'salary_records'
), ranked AS (
    SELECT *, row_number() OVER newest_first AS rank, first_value(file_id) OVER newest_first AS current_file_id,
           first_value(file_name) OVER newest_first AS current_file_name
    FROM releases
    WINDOW newest_first AS (PARTITION BY survey ORDER BY last_work_year DESC NULLS LAST, records DESC, file_id DESC)
)
SELECT file_id, file_name, format, survey, last_work_year, records, loaded_at, rank = 1 AS is_current,
       current_file_id, current_file_name
FROM ranked;

CREATE OR REPLACE VIEW salary_records AS
SELECT record_id, source, s.file_name AS source_file, source_row, work_year, job_title,
       role, soc_code, experience_level, employment_type, salary, salary_currency,
       salary_usd, employee_country, company_country, company_size, remote_ratio, salary_flag
FROM stored_salary_records r JOIN sources s USING (file_id)
WHERE file_id IN (SELECT file_id FROM survey_releases WHERE is_current);
