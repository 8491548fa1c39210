-- Stages an aijobs.net salary survey file (salaries.csv, or the Kaggle extracts ds_salaries.csv) as staged_salary_records.
-- Eleven published columns: work_year, experience_level (EN/MI/SE/EX), employment_type, job_title, salary,
-- salary_currency, salary_in_usd, employee_residence, remote_ratio, company_location, company_size.
-- Any other column (the Kaggle extracts' leading row index: 'index', 'n', '' or 'Unnamed: 0') is ignored,
-- and is left out when deciding whether a row repeats an earlier one.

CREATE OR REPLACE TEMP TABLE staged_salary_records AS
WITH raw AS (
    SELECT *
    FROM strict_csv($path, $delim, $quote, $columns)
)
SELECT source_row,
       clean_text(work_year) AS work_year,
       clean_text(experience_level) AS experience_level,
       clean_text(employment_type) AS employment_type,
       clean_text(job_title) AS job_title,
       clean_text(salary) AS salary,
       clean_text(salary_currency) AS salary_currency,
       clean_text(salary_in_usd) AS salary_usd,
       -- not clean_text: 'NA' is Namibia here, not a missing value
       nullif(trim(employee_residence), '') AS employee_country,
       nullif(trim(company_location), '') AS company_country,
       clean_text(company_size) AS company_size,
       clean_text(remote_ratio) AS remote_ratio,
       -- The survey has no row id and identical submissions are common: they are kept, and counted.
       row_number() OVER (
           PARTITION BY work_year, experience_level, employment_type, job_title, salary, salary_currency,
                        salary_in_usd, employee_residence, remote_ratio, company_location, company_size
           ORDER BY source_row) > 1 AS repeats_earlier_row,
       []::STRUCT(field VARCHAR, reason VARCHAR, raw_value VARCHAR, action VARCHAR)[] AS problems
FROM raw;
