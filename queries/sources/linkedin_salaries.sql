-- Replaces temp table linkedin_salaries with the LinkedIn companion jobs/salaries.csv: pay per job (min/med/max, pay_period, currency) as published.

CREATE OR REPLACE TEMP TABLE linkedin_salaries AS
SELECT linkedin_id(salary_id) AS salary_id, linkedin_id(job_id) AS job_id,
       clean_text(min_salary) AS min_salary, clean_text(med_salary) AS med_salary, clean_text(max_salary) AS max_salary,
       clean_text(pay_period) AS pay_period, clean_text(currency) AS currency
FROM strict_csv($companion_path, $companion_delim, $companion_quote, $companion_columns);
