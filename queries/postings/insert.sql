-- Inserts the checked, mapped postings of one file: new postings into stored_postings, every row into posting_occurrences.

CREATE OR REPLACE TEMP TABLE ready_postings AS
SELECT c.*, t.role, t.soc_code, t.role_method, t.seniority,
       i.naics_sector, l.country, l.state,
       coalesce(c.remote_raw, l.remote) AS remote,
       pp.annual_factor,
       coalesce(fx.usd_per_unit, CASE WHEN coalesce(c.salary_currency, 'USD') = 'USD' THEN 1.0 END) AS usd_per_unit
FROM checked_postings c
LEFT JOIN mapped_titles t ON t.title_key IS NOT DISTINCT FROM c.title_key
                         AND t.seniority_key IS NOT DISTINCT FROM c.seniority_key
LEFT JOIN mapped_locations l ON l.location_key IS NOT DISTINCT FROM c.location_key
LEFT JOIN mapped_industries i ON i.industry_key IS NOT DISTINCT FROM c.industry_key
                              AND i.sector_key IS NOT DISTINCT FROM c.sector_key
LEFT JOIN taxonomy_pay_periods pp ON pp.period = c.salary_period
LEFT JOIN taxonomy_fx_years fx ON fx.currency = coalesce(c.salary_currency, 'USD')
     AND fx.year = coalesce(year(c.posted_date), fx.latest_year)
WHERE NOT coalesce(c.rejected, false);

INSERT INTO rejects
SELECT $file_id, $file_name, source_row, 'salary_currency', 'no exchange rate for this currency', salary_currency, 'field_cleared'
FROM ready_postings WHERE salary_min IS NOT NULL AND usd_per_unit IS NULL;

CREATE OR REPLACE TEMP TABLE first_occurrences AS
SELECT posting_id, min(source_row) AS source_row FROM ready_postings GROUP BY posting_id;

INSERT INTO stored_postings
SELECT r.posting_id, $source, $file_id, r.source_row, r.source_key,
       r.title, r.description, r.company, r.industry_raw, r.sector_raw, r.location_raw, r.seniority_raw,
       r.employment_type, r.skills,
       r.role, r.soc_code, r.role_method, r.seniority, r.naics_sector, r.country, r.state, r.remote,
       r.posted_date, r.salary_text, r.salary_min, r.salary_max, r.salary_currency, r.salary_period, r.salary_kind,
       round(r.salary_min * r.annual_factor * r.usd_per_unit, 2),
       round(r.salary_max * r.annual_factor * r.usd_per_unit, 2),
       round((r.salary_min + r.salary_max) / 2 * r.annual_factor * r.usd_per_unit, 2),
       CASE WHEN r.salary_min IS NULL OR r.usd_per_unit IS NULL THEN NULL
            WHEN r.salary_period IS NULL OR r.annual_factor IS NULL THEN 'unknown pay period'
            WHEN (r.salary_min + r.salary_max) / 2 * r.annual_factor * r.usd_per_unit < 10000 THEN 'implausibly low for an annual salary'
            WHEN (r.salary_min + r.salary_max) / 2 * r.annual_factor * r.usd_per_unit > 1000000 THEN 'implausibly high for an annual salary'
       END
FROM ready_postings r
JOIN first_occurrences f USING (posting_id, source_row)
WHERE NOT EXISTS (SELECT 1 FROM stored_postings s WHERE s.posting_id = r.posting_id);

INSERT INTO posting_occurrences
SELECT posting_id, $file_id, source_row FROM ready_postings;
