-- Gives the taxonomy tables their types and builds taxonomy_fx_years (one exchange rate per currency and year, carried forward and back).

CREATE OR REPLACE TABLE taxonomy_role_patterns AS
SELECT CAST(priority AS INTEGER) AS priority, pattern, role FROM taxonomy_role_patterns;

CREATE OR REPLACE TABLE taxonomy_seniority_patterns AS
SELECT CAST(priority AS INTEGER) AS priority, pattern, seniority FROM taxonomy_seniority_patterns;

CREATE OR REPLACE TABLE taxonomy_industry_map AS
SELECT text_key(industry_key) AS industry_key, naics_sector, scheme FROM taxonomy_industry_map;

CREATE OR REPLACE TABLE taxonomy_pay_periods AS
SELECT period, CAST(annual_factor AS DOUBLE) AS annual_factor FROM taxonomy_pay_periods;

CREATE OR REPLACE TABLE taxonomy_fx_rates AS
SELECT upper(currency) AS currency, CAST(year AS INTEGER) AS year, CAST(usd_per_unit AS DOUBLE) AS usd_per_unit, * EXCLUDE (currency, year, usd_per_unit)
FROM taxonomy_fx_rates;

CREATE OR REPLACE TABLE taxonomy_fx_years AS
WITH bounds AS (SELECT min(year) AS lo, greatest(max(year), year(current_date)) AS hi FROM taxonomy_fx_rates),
years AS (SELECT unnest(range(1990, (SELECT hi FROM bounds) + 1)) AS year),
currencies AS (SELECT currency, max(year) AS latest_year FROM taxonomy_fx_rates GROUP BY currency)
SELECT c.currency, y.year, c.latest_year,
       coalesce(
           (SELECT f.usd_per_unit FROM taxonomy_fx_rates f WHERE f.currency = c.currency AND f.year <= y.year ORDER BY f.year DESC LIMIT 1),
           (SELECT f.usd_per_unit FROM taxonomy_fx_rates f WHERE f.currency = c.currency ORDER BY f.year LIMIT 1)) AS usd_per_unit
FROM currencies c CROSS JOIN years y;
