-- Inserts the checked, mapped postings of one file: new postings into stored_postings, every row into posting_occurrences.
-- ready_postings holds one narrow row per accepted row (ids, keys, mappings); the text columns are read only once,
-- by the INSERT into stored_postings, from staged_texts: a view of staged_postings, or (a slice of a large file)
-- the staged rows streamed from the staging area, where staged_postings lacks the descriptions' text.
-- Role, SOC code and seniority come from mapped_titles. A file loaded whole is inserted while the title coder codes
-- its titles (DuckDB lets go of Python's lock, the coder mostly holds it): mapped_titles is then empty
-- (normalise/no_titles_mapped.sql) and postings/apply_titles.sql sets them after (careerlens.normalise).

CREATE OR REPLACE TEMP TABLE ready_postings AS
SELECT c.posting_id, c.source_row, c.salary_min, c.salary_max, c.posted_date, c.title_key, c.seniority_key,
       t.role, t.soc_code, t.role_method, t.seniority, t.soc_method, t.soc_confidence, t.onet_title,
       i.naics_sector, l.country, l.state,
       coalesce(s.remote_raw, l.remote) AS remote,
       pp.annual_factor,
       coalesce(fx.usd_per_unit, CASE WHEN coalesce(s.salary_currency, 'USD') = 'USD' THEN 1.0 END) AS usd_per_unit,
       s.salary_currency, s.salary_period
FROM checked_postings c
JOIN staged_postings s ON s.source_row = c.source_row
LEFT JOIN mapped_titles t ON t.title_key IS NOT DISTINCT FROM c.title_key
                         AND t.seniority_key IS NOT DISTINCT FROM c.seniority_key
LEFT JOIN mapped_locations l ON l.location_key IS NOT DISTINCT FROM c.location_key
LEFT JOIN mapped_industries i ON i.industry_key IS NOT DISTINCT FROM c.industry_key
                              AND i.sector_key IS NOT DISTINCT FROM c.sector_key
LEFT JOIN taxonomy_pay_periods pp ON pp.period = s.salary_period
LEFT JOIN taxonomy_fx_years fx ON fx.currency = coalesce(s.salary_currency, 'USD')
     AND fx.year = coalesce(year(c.posted_date), fx.latest_year)
WHERE NOT coalesce(c.rejected, false)
-- checked_postings comes in no particular order (see postings/prepare.sql); stored rows go in file order
ORDER BY c.source_row;

INSERT INTO rejects
SELECT $file_id, $file_name, source_row, 'salary_currency', 'no exchange rate for this currency', salary_currency, 'field_cleared'
FROM ready_postings WHERE salary_min IS NOT NULL AND usd_per_unit IS NULL;

CREATE OR REPLACE TEMP TABLE first_occurrences AS
SELECT posting_id, min(source_row) AS source_row FROM ready_postings GROUP BY posting_id;

INSERT INTO stored_postings
SELECT r.posting_id, $source, $file_id, r.source_row, s.source_key,
       s.title, s.description, s.company, s.industry_raw, s.sector_raw, s.location_raw, s.seniority_raw,
       s.employment_type, s.skills,
       r.role, r.soc_code, r.role_method, r.seniority, r.naics_sector, r.country, r.state, r.remote,
       r.posted_date, s.salary_text, r.salary_min, r.salary_max, r.salary_currency, r.salary_period, s.salary_kind,
       round(r.salary_min * r.annual_factor * r.usd_per_unit, 2),
       round(r.salary_max * r.annual_factor * r.usd_per_unit, 2),
       round((r.salary_min + r.salary_max) / 2 * r.annual_factor * r.usd_per_unit, 2),
       CASE WHEN r.salary_min IS NULL OR r.usd_per_unit IS NULL THEN NULL
            WHEN r.salary_period IS NULL OR r.annual_factor IS NULL THEN 'unknown pay period'
            WHEN (r.salary_min + r.salary_max) / 2 * r.annual_factor * r.usd_per_unit < 10000 THEN 'implausibly low for an annual salary'
            WHEN (r.salary_min + r.salary_max) / 2 * r.annual_factor * r.usd_per_unit > 1000000 THEN 'implausibly high for an annual salary'
       END,
       r.soc_method, r.soc_confidence, r.onet_title
FROM ready_postings r
JOIN first_occurrences f ON f.posting_id = r.posting_id AND f.source_row = r.source_row
JOIN staged_texts s ON s.source_row = r.source_row
WHERE NOT EXISTS (SELECT 1 FROM stored_postings p WHERE p.posting_id = r.posting_id);

INSERT INTO posting_occurrences
SELECT posting_id, $file_id, source_row FROM ready_postings;
