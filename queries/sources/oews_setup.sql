-- Creates the temp macros and the oews_measures table (BLS datatype code -> stored column) that the OEWS staging queries share.

-- The nine measures careerlens stores, by their code in the time-series layout (oe.datatype) and
-- their column in the "all data" spreadsheets; bls_name is checked against oe.datatype.
CREATE OR REPLACE TEMP TABLE oews_measures AS
SELECT * FROM (VALUES
    ('01', 'employment',    'TOT_EMP',  'Employment',                  1),
    ('03', 'hourly_mean',   'H_MEAN',   'Hourly mean wage',            2),
    ('04', 'annual_mean',   'A_MEAN',   'Annual mean wage',            3),
    ('08', 'hourly_median', 'H_MEDIAN', 'Hourly median wage',          4),
    ('11', 'annual_p10',    'A_PCT10',  'Annual 10th percentile wage', 5),
    ('12', 'annual_p25',    'A_PCT25',  'Annual 25th percentile wage', 6),
    ('13', 'annual_median', 'A_MEDIAN', 'Annual median wage',          7),
    ('14', 'annual_p75',    'A_PCT75',  'Annual 75th percentile wage', 8),
    ('15', 'annual_p90',    'A_PCT90',  'Annual 90th percentile wage', 9)
) AS t(datatype, measure, sheet_column, bls_name, position);

-- '120230', ' 1,234 ', '57.80' -> numbers; BLS's special values ('-', '*', '**', '#', '~') and anything else -> NULL.
CREATE OR REPLACE TEMP MACRO oews_number(x) AS TRY_CAST(replace(trim(x), ',', '') AS DOUBLE);

CREATE OR REPLACE TEMP MACRO oews_is_special(x) AS trim(x) IN ('-', '*', '**', '#', '~');

-- SOC 2018 code with its dash: '152051' -> '15-2051', '000000' -> '00-0000'; '15-2051' stays; else NULL.
CREATE OR REPLACE TEMP MACRO oews_soc(x) AS
    CASE WHEN regexp_full_match(x, '[0-9]{6}') THEN x[1:2] || '-' || x[3:6]
         WHEN regexp_full_match(x, '[0-9]{2}-[0-9]{4}') THEN x END;

-- Industry codes in the time-series notation, which writes a sector as a range ending one past it:
-- the spreadsheets' '11' -> '11--12', '31-33' -> '31--34', '99' -> '99-100'; six-character codes stay.
CREATE OR REPLACE TEMP MACRO oews_industry_code(x) AS
    CASE WHEN x = '99' THEN '99-100'
         WHEN regexp_full_match(x, '[0-9]{2}') THEN x || '--' || lpad((x::INTEGER + 1)::VARCHAR, 2, '0')
         WHEN regexp_full_match(x, '[0-9]{2}-[0-9]{2}') THEN x[1:2] || '--' || (x[4:5]::INTEGER + 1)::VARCHAR
         ELSE x END;

-- The NAICS sector a (time-series notation) industry code falls in, before checking it against
-- taxonomy_naics_sectors: '31--34' and '311000' -> '31-33', '51--52' and '518200' -> '51'.
-- Cross-industry ('000000', '000001') and OEWS's government designations ('99-100', '999xxx') are no NAICS sector.
CREATE OR REPLACE TEMP MACRO oews_sector_candidate(x) AS
    CASE WHEN x[1:2] IN ('31', '32', '33') THEN '31-33'
         WHEN x[1:2] IN ('44', '45') THEN '44-45'
         WHEN x[1:2] IN ('48', '49') THEN '48-49'
         ELSE x[1:2] END;

-- Why a measure has no number, as a flag: 'annual_p90:top_coded', 'hourly_mean:not_available:annual_only', ...
-- reason is one of top_coded | annual_only | hourly_only | not_released | blank, or a footnote code.
CREATE OR REPLACE TEMP MACRO oews_flag(measure, reason) AS
    CASE WHEN reason = 'top_coded' THEN measure || ':top_coded'
         ELSE measure || ':not_available:' || reason END;

-- The reason for a '-' in the time-series layout, told by its footnote's text (oe.footnote), so that a
-- renumbered footnote still reads right: 5 "equal to or greater than $115.00 per hour" -> top_coded, 4 "reported
-- either as hourly wages or annual salaries" -> annual_only / hourly_only (whichever is missing), 8 -> not_released.
CREATE OR REPLACE TEMP MACRO oews_footnote_reason(measure, footnote_code, footnote_text) AS
    CASE WHEN footnote_text ILIKE '%equal to or greater than%' THEN 'top_coded'
         WHEN footnote_text ILIKE '%hourly wages or annual salaries%'
              THEN CASE WHEN measure LIKE 'hourly%' THEN 'annual_only' ELSE 'hourly_only' END
         WHEN footnote_text ILIKE '%not released%' THEN 'not_released'
         WHEN footnote_code IS NULL THEN 'unexplained'
         ELSE 'footnote_' || footnote_code END;

-- Names from the time-series dimension files (oe.area, oe.industry, ...), filled by sources/oews_dimension.
CREATE OR REPLACE TEMP TABLE oews_names (dimension VARCHAR, code VARCHAR, name VARCHAR);
