-- Creates the empty LinkedIn 2023-24 companion tables (each linkedin_<companion>.sql refills its own when that file is present) and the id macro they share.

-- Ids are written as integers in some files and as floats ('2774458.0') in others.
CREATE OR REPLACE TEMP MACRO linkedin_id(x) AS TRY_CAST(TRY_CAST(trim(x) AS DECIMAL(38, 3)) AS BIGINT);

CREATE OR REPLACE TEMP TABLE linkedin_job_industries (job_id BIGINT, industry_id BIGINT);
CREATE OR REPLACE TEMP TABLE linkedin_industries (industry_id BIGINT, industry_name VARCHAR);
CREATE OR REPLACE TEMP TABLE linkedin_job_skills (job_id BIGINT, skill_abr VARCHAR, file_row BIGINT);
CREATE OR REPLACE TEMP TABLE linkedin_skills (skill_abr VARCHAR, skill_name VARCHAR);
CREATE OR REPLACE TEMP TABLE linkedin_salaries (
    salary_id BIGINT, job_id BIGINT, min_salary VARCHAR, med_salary VARCHAR, max_salary VARCHAR,
    pay_period VARCHAR, currency VARCHAR
);
CREATE OR REPLACE TEMP TABLE linkedin_company_industries (company_id BIGINT, industry VARCHAR, file_row BIGINT);
