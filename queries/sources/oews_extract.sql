-- Stages a careerlens OEWS extract (a Parquet file with the oews_wages columns, such as the bundled default) as staged_oews, oews_problems and oews_tally.
-- Rows missing a key column are rejected; everything else was checked when the extract was made from BLS files.

CREATE OR REPLACE TEMP TABLE oews_extract_rows AS
SELECT row_number() OVER () AS source_row, *
FROM read_parquet($path);

CREATE OR REPLACE TEMP TABLE oews_problems AS
SELECT source_row,
       CASE WHEN release IS NULL THEN 'release' WHEN area_code IS NULL THEN 'area_code'
            WHEN industry_code IS NULL THEN 'industry_code' ELSE 'soc_code' END AS field,
       'missing key value' AS reason, NULL::VARCHAR AS raw_value, 'row_rejected' AS action
FROM oews_extract_rows
WHERE release IS NULL OR area_code IS NULL OR industry_code IS NULL OR soc_code IS NULL;

CREATE OR REPLACE TEMP TABLE oews_tally AS
SELECT count(*) AS rows_read, (SELECT count(*) FROM oews_problems) AS rows_rejected FROM oews_extract_rows;

CREATE OR REPLACE TEMP TABLE staged_oews AS
SELECT release, area_type, area_code, area_name, industry_code, industry_name, soc_code, occupation,
       employment, annual_mean, annual_p10, annual_p25, annual_median, annual_p75, annual_p90,
       hourly_mean, hourly_median, flags,
       1 AS lines, 0 AS duplicate_lines, source_row AS first_row
FROM oews_extract_rows
WHERE source_row NOT IN (SELECT source_row FROM oews_problems);
