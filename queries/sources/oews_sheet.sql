-- Stages an OEWS "all data" table (oews_sheet_raw: AREA, AREA_TITLE, AREA_TYPE, NAICS, NAICS_TITLE, OCC_CODE, OCC_TITLE,
-- TOT_EMP, H_MEAN, A_MEAN, H_MEDIAN, A_PCT10 ... A_PCT90, optionally ANNUAL and HOURLY) as staged_oews, one row per row,
-- with oews_problems and oews_tally. $release is told by the file name ('May 2025'). Special values: '#' top-coded
-- ($239,200 a year or $115 an hour in 2025), '*' and '**' not available, numbers may carry thousands commas.

-- ANNUAL and HOURLY ('TRUE' when BLS publishes only annual, or only hourly, wages) are missing from some years' files.
CREATE OR REPLACE TEMP TABLE oews_sheet AS
SELECT * FROM oews_sheet_raw
UNION ALL BY NAME
SELECT * FROM (SELECT NULL::VARCHAR AS "ANNUAL", NULL::VARCHAR AS "HOURLY") WHERE false;

CREATE OR REPLACE TEMP TABLE oews_sheet_rows AS
WITH cleaned AS (
    SELECT source_row,
           trim("AREA") AS area, trim("AREA_TYPE") AS area_type_raw, clean_text("AREA_TITLE") AS area_name,
           trim("NAICS") AS naics, clean_text("NAICS_TITLE") AS industry_name,
           trim("OCC_CODE") AS occ_code, clean_text("OCC_TITLE") AS occupation,
           upper(trim("ANNUAL")) = 'TRUE' AS annual_only, upper(trim("HOURLY")) = 'TRUE' AS hourly_only
    FROM oews_sheet
)
SELECT *,
       CASE area_type_raw WHEN '1' THEN 'national' WHEN '2' THEN 'state' WHEN '3' THEN 'state'
            WHEN '4' THEN 'metro' WHEN '5' THEN 'metro' WHEN '6' THEN 'metro' END AS area_type,
       -- the time-series layout's 7-digit area codes: national 0000000, a state's FIPS + 00000, metro areas padded
       CASE WHEN NOT regexp_full_match(area, '[0-9]{1,7}') THEN NULL
            WHEN area_type_raw = '1' THEN '0000000'
            WHEN area_type_raw IN ('2', '3') THEN lpad(area, 2, '0') || '00000'
            ELSE lpad(area, 7, '0') END AS area_code,
       oews_industry_code(naics) AS industry_code,
       oews_soc(occ_code) AS soc_code,
       CASE WHEN area_type_raw IS NULL OR area_type_raw NOT IN ('1', '2', '3', '4', '5', '6') THEN 'AREA_TYPE'
            WHEN NOT regexp_full_match(area, '[0-9]{1,7}') THEN 'AREA'
            WHEN nullif(naics, '') IS NULL THEN 'NAICS'
            WHEN oews_soc(occ_code) IS NULL THEN 'OCC_CODE' END AS problem
FROM cleaned;

CREATE OR REPLACE TEMP TABLE oews_sheet_values AS
WITH long AS (
    SELECT source_row, sheet_column, raw_value
    FROM oews_sheet
    UNPIVOT INCLUDE NULLS (raw_value FOR sheet_column IN ("TOT_EMP", "H_MEAN", "A_MEAN", "H_MEDIAN", "A_PCT10",
                                                          "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90"))
)
SELECT l.source_row, m.measure, upper(l.sheet_column) AS sheet_column, trim(l.raw_value) AS raw_value,
       oews_number(l.raw_value) AS number,
       CASE WHEN oews_number(l.raw_value) IS NOT NULL THEN NULL
            WHEN trim(l.raw_value) = '#' THEN oews_flag(m.measure, 'top_coded')
            WHEN nullif(trim(l.raw_value), '') IS NULL OR oews_is_special(l.raw_value) THEN oews_flag(m.measure,
                 CASE WHEN m.measure LIKE 'hourly%' AND r.annual_only THEN 'annual_only'
                      WHEN m.measure LIKE 'annual%' AND r.hourly_only THEN 'hourly_only'
                      WHEN nullif(trim(l.raw_value), '') IS NULL THEN 'blank'
                      ELSE 'not_released' END)
            ELSE m.measure || ':rejected' END AS flag
FROM long l
JOIN oews_measures m ON m.sheet_column = upper(l.sheet_column)
JOIN oews_sheet_rows r USING (source_row);

CREATE OR REPLACE TEMP TABLE oews_problems AS
SELECT source_row, problem AS field,
       CASE problem WHEN 'AREA_TYPE'
                         THEN 'unknown area type (1 national, 2 state, 3 territory, 4-6 metropolitan and nonmetropolitan)'
                    WHEN 'AREA' THEN 'area code is not a number'
                    WHEN 'NAICS' THEN 'no industry code'
                    ELSE 'not a SOC occupation code (15-2051)' END AS reason,
       CASE problem WHEN 'AREA_TYPE' THEN area_type_raw WHEN 'AREA' THEN area WHEN 'NAICS' THEN naics
                    ELSE occ_code END AS raw_value,
       'row_rejected' AS action
FROM oews_sheet_rows WHERE problem IS NOT NULL
UNION ALL
SELECT v.source_row, v.sheet_column, 'not a number nor a BLS special value (#, *, **)', v.raw_value, 'field_cleared'
FROM oews_sheet_values v JOIN oews_sheet_rows r USING (source_row)
WHERE r.problem IS NULL AND v.flag LIKE '%:rejected';

CREATE OR REPLACE TEMP TABLE oews_tally AS
SELECT count(*) AS rows_read, count(*) FILTER (WHERE problem IS NOT NULL) AS rows_rejected
FROM oews_sheet_rows;

CREATE OR REPLACE TEMP TABLE staged_oews AS
WITH measures AS (
    SELECT source_row,
           max(number) FILTER (WHERE measure = 'employment') AS employment,
           max(number) FILTER (WHERE measure = 'annual_mean') AS annual_mean,
           max(number) FILTER (WHERE measure = 'annual_p10') AS annual_p10,
           max(number) FILTER (WHERE measure = 'annual_p25') AS annual_p25,
           max(number) FILTER (WHERE measure = 'annual_median') AS annual_median,
           max(number) FILTER (WHERE measure = 'annual_p75') AS annual_p75,
           max(number) FILTER (WHERE measure = 'annual_p90') AS annual_p90,
           max(number) FILTER (WHERE measure = 'hourly_mean') AS hourly_mean,
           max(number) FILTER (WHERE measure = 'hourly_median') AS hourly_median,
           list_sort(coalesce(list(flag) FILTER (WHERE flag IS NOT NULL), [])) AS flags
    FROM oews_sheet_values
    GROUP BY source_row
)
SELECT $release AS release, r.area_type, r.area_code, r.area_name, r.industry_code, r.industry_name,
       r.soc_code, r.occupation,
       employment, annual_mean, annual_p10, annual_p25, annual_median, annual_p75, annual_p90,
       hourly_mean, hourly_median, flags,
       1 AS lines, 0 AS duplicate_lines, r.source_row AS first_row
FROM oews_sheet_rows r JOIN measures m USING (source_row)
WHERE r.problem IS NULL;
