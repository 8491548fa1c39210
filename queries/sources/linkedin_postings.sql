-- Stages a LinkedIn 2023-24 postings export (Kaggle arshkon postings.csv) as staged_postings, joined to the linkedin_* companion tables.
-- Pay is min/med/max_salary per pay_period HOURLY|WEEKLY|BIWEEKLY|MONTHLY|YEARLY, posted by the employer; a row with
-- no pay takes the job's first jobs/salaries.csv row; a lone med_salary is both min and max. original_listed_time is
-- epoch milliseconds written as a float ('1713400000000.0'). Industry: the job's industry with the lowest id, else the
-- company's first industry. Skills: the job-function names of jobs/job_skills.csv, in file order.

CREATE OR REPLACE TEMP TABLE staged_postings AS
WITH raw AS (
    SELECT *
    FROM strict_csv($path, $delim, $quote, $columns)
), cleaned AS (
    SELECT source_row,
           clean_text(job_id) AS source_key,
           linkedin_id(job_id) AS job_id,
           linkedin_id(company_id) AS company_id,
           clean_text(title) AS title,
           clean_text(description) AS description,
           clean_text(company_name) AS company,
           clean_text(location) AS location_raw,
           clean_text(formatted_experience_level) AS seniority_raw,
           clean_text(formatted_work_type) AS employment_type,
           clean_text(remote_allowed) AS remote_text,
           clean_text(original_listed_time) AS listed_text,
           clean_text(min_salary) AS min_text,
           clean_text(med_salary) AS med_text,
           clean_text(max_salary) AS max_text,
           clean_text(pay_period) AS period_text,
           clean_text(currency) AS currency
    FROM raw
), job_industry AS (
    SELECT j.job_id, arg_min(n.industry_name, j.industry_id) AS industry
    FROM linkedin_job_industries j JOIN linkedin_industries n USING (industry_id)
    WHERE j.job_id IN (SELECT job_id FROM cleaned) AND n.industry_name IS NOT NULL
    GROUP BY j.job_id
), company_industry AS (
    SELECT company_id, arg_min(industry, file_row) AS industry
    FROM linkedin_company_industries
    WHERE company_id IN (SELECT company_id FROM cleaned) AND industry IS NOT NULL
    GROUP BY company_id
), job_skill AS (
    SELECT j.job_id, list(s.skill_name ORDER BY j.file_row) AS skills
    FROM linkedin_job_skills j JOIN linkedin_skills s USING (skill_abr)
    WHERE j.job_id IN (SELECT job_id FROM cleaned) AND s.skill_name IS NOT NULL
    GROUP BY j.job_id
), job_salary AS (
    SELECT job_id, arg_min({'min_text': min_salary, 'med_text': med_salary, 'max_text': max_salary,
                            'period_text': pay_period, 'currency': currency}, salary_id) AS pay
    FROM linkedin_salaries
    WHERE job_id IN (SELECT job_id FROM cleaned) AND coalesce(min_salary, med_salary, max_salary) IS NOT NULL
    GROUP BY job_id
), paid AS (
    SELECT c.* EXCLUDE (min_text, med_text, max_text, period_text, currency),
           coalesce(ji.industry, ci.industry) AS industry_raw,
           js.skills,
           CASE WHEN coalesce(c.min_text, c.med_text, c.max_text) IS NOT NULL
                THEN {'min_text': c.min_text, 'med_text': c.med_text, 'max_text': c.max_text,
                      'period_text': c.period_text, 'currency': c.currency}
                ELSE s.pay END AS pay
    FROM cleaned c
    LEFT JOIN job_industry ji ON ji.job_id = c.job_id
    LEFT JOIN company_industry ci ON ci.company_id = c.company_id
    LEFT JOIN job_skill js ON js.job_id = c.job_id
    LEFT JOIN job_salary s ON s.job_id = c.job_id
), parsed AS (
    SELECT *,
           coalesce(TRY_CAST(pay.min_text AS DOUBLE), TRY_CAST(pay.med_text AS DOUBLE)) AS salary_min,
           coalesce(TRY_CAST(pay.max_text AS DOUBLE), TRY_CAST(pay.med_text AS DOUBLE)) AS salary_max,
           CASE upper(pay.period_text) WHEN 'HOURLY' THEN 'hour' WHEN 'WEEKLY' THEN 'week'
                WHEN 'BIWEEKLY' THEN 'biweek' WHEN 'MONTHLY' THEN 'month' WHEN 'YEARLY' THEN 'year' END AS salary_period,
           -- Bounds keep epoch_ms in range and catch seconds or microseconds written where milliseconds belong.
           CASE WHEN TRY_CAST(listed_text AS DOUBLE) BETWEEN 946684800000 AND 4102444800000
                THEN epoch_ms(TRY_CAST(listed_text AS DOUBLE)::BIGINT)::DATE END AS posted_date,
           CASE WHEN lower(remote_text) IN ('1', '1.0', 'true') THEN true
                WHEN lower(remote_text) IN ('0', '0.0', 'false') THEN false END AS remote_raw
    FROM paid
)
SELECT source_row, source_key, title, description, company, industry_raw,
       NULL::VARCHAR AS sector_raw,
       location_raw, seniority_raw, employment_type, skills, remote_raw, posted_date,
       NULL::VARCHAR AS salary_text,
       salary_min, salary_max, salary_period,
       CASE WHEN salary_min IS NOT NULL THEN pay.currency END AS salary_currency,
       CASE WHEN salary_min IS NOT NULL THEN 'employer' END AS salary_kind,
       list_concat(
           list_transform(
               list_filter([{'field': 'min_salary', 'raw_value': pay.min_text},
                            {'field': 'med_salary', 'raw_value': pay.med_text},
                            {'field': 'max_salary', 'raw_value': pay.max_text}],
                           lambda f: f.raw_value IS NOT NULL AND TRY_CAST(f.raw_value AS DOUBLE) IS NULL),
               lambda f: {'field': f.field, 'reason': 'salary is not a number', 'raw_value': f.raw_value,
                          'action': 'field_cleared'}),
           CASE WHEN salary_min IS NOT NULL AND salary_period IS NULL
                THEN [{'field': 'pay_period', 'reason': 'pay period not understood', 'raw_value': pay.period_text,
                       'action': 'field_cleared'}]
                ELSE [] END,
           CASE WHEN listed_text IS NOT NULL AND posted_date IS NULL
                THEN [{'field': 'original_listed_time', 'reason': 'not a date in epoch milliseconds',
                       'raw_value': listed_text, 'action': 'field_cleared'}]
                ELSE [] END,
           CASE WHEN remote_text IS NOT NULL AND remote_raw IS NULL
                THEN [{'field': 'remote_allowed', 'reason': 'not a yes/no flag', 'raw_value': remote_text,
                       'action': 'field_cleared'}]
                ELSE [] END
       ) AS problems
FROM parsed;
