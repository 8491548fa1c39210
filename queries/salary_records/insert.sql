-- Inserts the checked survey records of one file into stored_salary_records, with role and SOC code from mapped_titles.
-- Every row that is not rejected is kept, identical ones included (the publisher keeps them too).
-- record_id is md5(file sha256 ':' row): stable across loads and machines, unique per published row.
-- salary_usd is the publisher's own conversion; figures outside 10,000..1,000,000 are flagged, not dropped.

INSERT INTO stored_salary_records
SELECT md5($sha256 || ':' || c.source_row::VARCHAR), $source, $file_id, c.source_row,
       c.work_year, c.experience_level, c.employment_type, c.job_title,
       t.role, t.soc_code,
       c.salary, c.salary_currency, c.salary_usd,
       c.employee_country, c.company_country, c.company_size, c.remote_ratio,
       CASE WHEN c.salary_usd < 10000 THEN 'implausibly low for an annual salary'
            WHEN c.salary_usd > 1000000 THEN 'implausibly high for an annual salary'
       END
FROM checked_salary_records c
LEFT JOIN mapped_titles t ON t.title_key IS NOT DISTINCT FROM c.title_key
                         AND t.seniority_key IS NOT DISTINCT FROM c.seniority_key
WHERE NOT coalesce(c.rejected, false);
