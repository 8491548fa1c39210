-- Stages an Indeed scrape in the K-Reavis EthicalTechJobListings layout (postings.csv, 2020) as staged_postings.
-- Date_Queried is the day of the scrape, not of posting, written either '7/30/2020' or '2020-08-02'; it is the only
-- date there is, so it becomes posted_date. URL is the posting's own key. No salary and no industry columns.

CREATE OR REPLACE TEMP TABLE staged_postings AS
WITH raw AS (
    SELECT NULL::BIGINT AS source_row, *    -- numbered after staging (postings/number_staged.sql)
    FROM strict_csv_unnumbered($path, $delim, $quote, $columns)
), cleaned AS (
    SELECT source_row,
           clean_text("URL") AS source_key,
           clean_text("Title") AS title,
           clean_text("Text") AS description,
           clean_text("Company") AS company,
           clean_text("Location") AS location_raw,
           clean_text("Date_Queried") AS date_text,
           try_strptime(clean_text("Date_Queried"), ['%m/%d/%Y', '%Y-%m-%d'])::DATE AS posted_date
    FROM raw
)
SELECT source_row, source_key, title, description, company,
       NULL::VARCHAR AS industry_raw,
       NULL::VARCHAR AS sector_raw,
       location_raw,
       NULL::VARCHAR AS seniority_raw,
       NULL::VARCHAR AS employment_type,
       NULL::VARCHAR[] AS skills,
       NULL::BOOLEAN AS remote_raw,
       posted_date,
       NULL::VARCHAR AS salary_text,
       NULL::DOUBLE AS salary_min,
       NULL::DOUBLE AS salary_max,
       NULL::VARCHAR AS salary_period,
       NULL::VARCHAR AS salary_currency,
       NULL::VARCHAR AS salary_kind,
       CASE WHEN date_text IS NOT NULL AND posted_date IS NULL
            THEN [{'field': 'Date_Queried', 'reason': 'date not understood (expected 7/30/2020 or 2020-07-30)',
                   'raw_value': date_text, 'action': 'field_cleared'}]
            ELSE [] END AS problems
FROM cleaned;
