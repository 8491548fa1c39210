-- Stages a BLS OEWS time-series data file (oe.data.0.Current) as staged_oews: one row per (release, area, industry,
-- occupation), pivoting the data lines of the nine stored datatypes; refused lines go to oews_problems, counts to oews_tally.
-- series_id = 'OEU' + area type (N/S/M) + area code (7) + industry code (6) + occupation code (6) + datatype (2),
-- space-padded like every field of BLS flat files. Needs oews_setup and the dimension names in oews_names.

CREATE OR REPLACE TEMP TABLE oews_lines AS
WITH raw AS (
    SELECT *
    FROM strict_csv($path, $delim, $quote, $columns)
), parsed AS (
    SELECT source_row,
           trim(series_id) AS series_id, trim("year") AS year, trim("period") AS period, trim("value") AS value,
           nullif(trim(footnote_codes), '') AS footnote_code
    FROM raw
), cut AS (
    SELECT *,
           regexp_full_match(series_id, 'OEU[NSM][0-9]{7}[0-9A-Z-]{6}[0-9]{6}[0-9]{2}') AS well_formed,
           series_id[24:25] AS datatype,
           oews_number(value) AS number
    FROM parsed
)
SELECT c.*, m.measure,
       -- what is wrong with the line (the field named in rejects), or how it is counted; NULL = usable
       CASE WHEN NOT well_formed THEN 'series_id'
            WHEN NOT regexp_full_match(year, '[0-9]{4}') OR period IS DISTINCT FROM 'A01' THEN 'period'
            WHEN datatype NOT IN (SELECT code FROM oews_names WHERE dimension = 'datatype') THEN 'datatype'
            WHEN m.measure IS NULL THEN 'not_stored'
            WHEN number IS NULL AND NOT coalesce(oews_is_special(value), false) THEN 'value'
            END AS problem
FROM cut c LEFT JOIN oews_measures m USING (datatype);

CREATE OR REPLACE TEMP TABLE oews_problems AS
SELECT source_row, problem AS field,
       CASE problem
            WHEN 'series_id' THEN 'not an OEWS series id (OEU + area type N/S/M + 7-digit area + '
                                  || '6-character industry + 6-digit occupation + 2-digit datatype)'
            WHEN 'period' THEN 'not an annual (May) estimate: year must be four digits and period A01'
            WHEN 'datatype' THEN 'datatype code ' || datatype || ' is not in oe.datatype'
            ELSE 'value is neither a number nor a BLS special value (-, *, **, #)' END AS reason,
       CASE problem WHEN 'value' THEN value WHEN 'period' THEN concat_ws(' ', year, period)
            ELSE series_id END AS raw_value,
       'row_rejected' AS action
FROM oews_lines WHERE problem IN ('series_id', 'period', 'datatype', 'value')
UNION ALL
-- Datatypes BLS publishes but careerlens does not store (relative standard errors, hourly percentiles, location
-- quotients...): one summary row per datatype instead of one per line, as they are most of a full BLS file.
SELECT NULL, 'datatype',
       'datatype ' || l.datatype || ' (' || coalesce(any_value(n.name), '?') || ') is not stored by careerlens: '
           || count(*) || ' lines skipped',
       l.datatype, 'row_rejected'
FROM oews_lines l LEFT JOIN oews_names n ON n.dimension = 'datatype' AND n.code = l.datatype
WHERE problem = 'not_stored'
GROUP BY l.datatype;

CREATE OR REPLACE TEMP TABLE oews_tally AS
SELECT count(*) AS rows_read,
       count(*) FILTER (WHERE problem IS NOT NULL) AS rows_rejected
FROM oews_lines;

CREATE OR REPLACE TEMP TABLE staged_oews AS
WITH usable AS (
    SELECT l.*, f.name AS footnote_text
    FROM oews_lines l
    LEFT JOIN oews_names f ON f.dimension = 'footnote' AND f.code = l.footnote_code
    WHERE problem IS NULL OR problem = 'value'
), pivoted AS (
    SELECT series_id[1:23] AS series_key, year,
           min(source_row) AS first_row,
           -- a series given twice: its first line counts, the others are duplicates
           count(DISTINCT measure) FILTER (WHERE problem IS NULL) AS lines,
           count(*) FILTER (WHERE problem IS NULL) - count(DISTINCT measure) FILTER (WHERE problem IS NULL)
               AS duplicate_lines,
           arg_min(number, source_row) FILTER (WHERE problem IS NULL AND measure = 'employment') AS employment,
           arg_min(number, source_row) FILTER (WHERE problem IS NULL AND measure = 'annual_mean') AS annual_mean,
           arg_min(number, source_row) FILTER (WHERE problem IS NULL AND measure = 'annual_p10') AS annual_p10,
           arg_min(number, source_row) FILTER (WHERE problem IS NULL AND measure = 'annual_p25') AS annual_p25,
           arg_min(number, source_row) FILTER (WHERE problem IS NULL AND measure = 'annual_median') AS annual_median,
           arg_min(number, source_row) FILTER (WHERE problem IS NULL AND measure = 'annual_p75') AS annual_p75,
           arg_min(number, source_row) FILTER (WHERE problem IS NULL AND measure = 'annual_p90') AS annual_p90,
           arg_min(number, source_row) FILTER (WHERE problem IS NULL AND measure = 'hourly_mean') AS hourly_mean,
           arg_min(number, source_row) FILTER (WHERE problem IS NULL AND measure = 'hourly_median') AS hourly_median,
           list(CASE WHEN problem = 'value' THEN measure || ':rejected'
                     ELSE oews_flag(measure, oews_footnote_reason(measure, footnote_code, footnote_text)) END)
               FILTER (WHERE problem = 'value' OR number IS NULL) AS value_flags,
           list(measure) AS present
    FROM usable
    GROUP BY series_id[1:23], year
    HAVING count(*) FILTER (WHERE problem IS NULL) > 0
), stored AS (
    SELECT list(measure ORDER BY position) AS measures FROM oews_measures
)
SELECT 'May ' || p.year AS release,
       CASE p.series_key[4] WHEN 'N' THEN 'national' WHEN 'S' THEN 'state' ELSE 'metro' END AS area_type,
       p.series_key[5:11] AS area_code, a.name AS area_name,
       p.series_key[12:17] AS industry_code, i.name AS industry_name,
       oews_soc(p.series_key[18:23]) AS soc_code, o.name AS occupation,
       employment, annual_mean, annual_p10, annual_p25, annual_median, annual_p75, annual_p90,
       hourly_mean, hourly_median,
       list_sort(list_distinct(coalesce(value_flags, [])
                 || list_transform(list_filter(s.measures, lambda m: NOT list_contains(p.present, m)),
                                   lambda m: m || ':not_in_file'))) AS flags,
       lines, duplicate_lines, first_row
FROM pivoted p CROSS JOIN stored s
LEFT JOIN oews_names a ON a.dimension = 'area' AND a.code = p.series_key[5:11]
LEFT JOIN oews_names i ON i.dimension = 'industry' AND i.code = p.series_key[12:17]
LEFT JOIN oews_names o ON o.dimension = 'occupation' AND o.code = p.series_key[18:23];
