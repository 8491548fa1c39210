-- Stages a LinkedIn 2018 California data-jobs scrape (linpingyu/JobListings DataScientist.csv, DataAnalyst.csv) as staged_postings.
-- The scraper turned every space in industry into a comma ('Consumer,Services'), so commas become spaces again (where one
-- industry ends and the next begins is lost). functions holds LinkedIn job functions, one per line padded with spaces:
-- the same vocabulary as the 2023-24 export's job "skills", so it goes to skills. DataScientist.csv starts with an unnamed
-- pandas index column (column00 here), ignored. No salary and no per-row date (every row was scraped on 2018-07-22).

CREATE OR REPLACE TEMP TABLE staged_postings AS
WITH raw AS (
    SELECT NULL::BIGINT AS source_row, *    -- numbered after staging (postings/number_staged.sql)
    FROM strict_csv_unnumbered($path, $delim, $quote, $columns)
)
SELECT source_row,
       NULL::VARCHAR AS source_key,
       clean_text(title) AS title,
       clean_text(description) AS description,
       clean_text(company) AS company,
       clean_text(replace(industry, ',', ' ')) AS industry_raw,
       NULL::VARCHAR AS sector_raw,
       clean_text(location) AS location_raw,
       clean_text(seniority) AS seniority_raw,
       clean_text(employment_type) AS employment_type,
       nullif(list_filter(list_transform(string_split(functions, chr(10)), lambda f: trim(f)), lambda f: f <> ''),
              []) AS skills,
       NULL::BOOLEAN AS remote_raw,
       NULL::DATE AS posted_date,
       NULL::VARCHAR AS salary_text,
       NULL::DOUBLE AS salary_min,
       NULL::DOUBLE AS salary_max,
       NULL::VARCHAR AS salary_period,
       NULL::VARCHAR AS salary_currency,
       NULL::VARCHAR AS salary_kind,
       []::STRUCT(field VARCHAR, reason VARCHAR, raw_value VARCHAR, action VARCHAR)[] AS problems
FROM raw;
