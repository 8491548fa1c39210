-- Stages a generic file (already read into generic_raw by sources/generic_read_*.sql) as staged_postings, each field taken from the column its TOML mapping names.
-- Column names arrive as bound values ($title_column, ...; NULL when the field is not mapped) and are matched
-- with COLUMNS(lambda c: c = name), so no name from the user's mapping file is ever spliced into SQL text.
-- COLUMNS must match some column, so an unmapped field matches careerlens_unmapped and is then set NULL.
-- source_row is left NULL: the rows are staged in generic_raw's order, which is the file's, and
-- postings/number_staged.sql numbers them (numbering while reading would hold the read to one thread).
-- Salary: either $salary_text_column (strings such as '$17-$24 Per Hour', read with the glassdoor_salary_* macros)
-- or $salary_min_column / $salary_max_column with the period and currency from a column or a fixed value.

-- generic_fields picks the mapped columns: a CTE, not a table of its own, so that the text is copied once
-- (into staged_postings) and memory holds one copy besides generic_raw (a view of the file when staged in slices,
-- sources/generic_parquet_slice.sql). careerlens.sources.generic drops generic_raw after the load.
CREATE OR REPLACE TEMP TABLE staged_postings AS
WITH generic_fields AS (
    SELECT NULL::BIGINT AS source_row,
        CASE WHEN $id_column IS NOT NULL
             THEN CAST(COLUMNS(lambda c: c = coalesce($id_column, 'careerlens_unmapped')) AS VARCHAR) END AS id_value,
        CASE WHEN $title_column IS NOT NULL
             THEN CAST(COLUMNS(lambda c: c = coalesce($title_column, 'careerlens_unmapped')) AS VARCHAR) END AS title_value,
        CASE WHEN $description_column IS NOT NULL
             THEN CAST(COLUMNS(lambda c: c = coalesce($description_column, 'careerlens_unmapped')) AS VARCHAR) END AS description_value,
        CASE WHEN $company_column IS NOT NULL
             THEN CAST(COLUMNS(lambda c: c = coalesce($company_column, 'careerlens_unmapped')) AS VARCHAR) END AS company_value,
        CASE WHEN $industry_column IS NOT NULL
             THEN CAST(COLUMNS(lambda c: c = coalesce($industry_column, 'careerlens_unmapped')) AS VARCHAR) END AS industry_value,
        CASE WHEN $location_column IS NOT NULL
             THEN CAST(COLUMNS(lambda c: c = coalesce($location_column, 'careerlens_unmapped')) AS VARCHAR) END AS location_value,
        CASE WHEN $date_column IS NOT NULL
             THEN CAST(COLUMNS(lambda c: c = coalesce($date_column, 'careerlens_unmapped')) AS VARCHAR) END AS date_value,
        CASE WHEN $salary_text_column IS NOT NULL
             THEN CAST(COLUMNS(lambda c: c = coalesce($salary_text_column, 'careerlens_unmapped')) AS VARCHAR) END AS salary_text_value,
        CASE WHEN $salary_min_column IS NOT NULL
             THEN CAST(COLUMNS(lambda c: c = coalesce($salary_min_column, 'careerlens_unmapped')) AS VARCHAR) END AS salary_min_value,
        CASE WHEN $salary_max_column IS NOT NULL
             THEN CAST(COLUMNS(lambda c: c = coalesce($salary_max_column, 'careerlens_unmapped')) AS VARCHAR) END AS salary_max_value,
        CASE WHEN $salary_period_column IS NOT NULL
             THEN CAST(COLUMNS(lambda c: c = coalesce($salary_period_column, 'careerlens_unmapped')) AS VARCHAR) END AS salary_period_value,
        CASE WHEN $salary_currency_column IS NOT NULL
             THEN CAST(COLUMNS(lambda c: c = coalesce($salary_currency_column, 'careerlens_unmapped')) AS VARCHAR) END AS salary_currency_value
    FROM generic_raw
), cleaned AS (
    SELECT source_row,
           clean_text(id_value) AS source_key,
           clean_text(title_value) AS title,
           clean_text(description_value) AS description,
           clean_text(company_value) AS company,
           clean_text(industry_value) AS industry_raw,
           clean_text(location_value) AS location_raw,
           clean_text(date_value) AS date_text,
           clean_text(salary_text_value) AS salary_text,
           clean_text(salary_min_value) AS min_text,
           clean_text(salary_max_value) AS max_text,
           coalesce(lower(clean_text(salary_period_value)), $salary_period) AS period_text,
           coalesce(upper(clean_text(salary_currency_value)), $salary_currency) AS salary_currency
    FROM generic_fields
), parsed AS (
    SELECT *,
           -- ISO dates (and Parquet or JSON dates and timestamps, cast to text above) need no format
           CAST(coalesce(try_strptime(date_text, $date_format), TRY_CAST(date_text AS TIMESTAMP)) AS DATE) AS posted_date,
           CASE WHEN $salary_text_column IS NOT NULL THEN glassdoor_salary_min(salary_text)
                ELSE coalesce(TRY_CAST(min_text AS DOUBLE), parse_money(min_text)) END AS parsed_min,
           CASE WHEN $salary_text_column IS NOT NULL THEN glassdoor_salary_max(salary_text)
                ELSE coalesce(TRY_CAST(max_text AS DOUBLE), parse_money(max_text)) END AS parsed_max,
           CASE WHEN $salary_text_column IS NOT NULL THEN glassdoor_salary_period(salary_text)
                WHEN regexp_matches(period_text, 'bi-?week|fortnight') THEN 'biweek'
                WHEN regexp_matches(period_text, 'hour|^hr$|^h$') THEN 'hour'
                WHEN regexp_matches(period_text, 'week') THEN 'week'
                WHEN regexp_matches(period_text, 'month') THEN 'month'
                WHEN regexp_matches(period_text, 'year|annual|annum') THEN 'year'
           END AS parsed_period
    FROM cleaned
), checked AS (
    SELECT *,
           -- a salary needs a currency: an empty currency cell must not pass for USD further on
           (parsed_min IS NOT NULL OR parsed_max IS NOT NULL) AND salary_currency IS NULL AS no_currency
    FROM parsed
)
SELECT source_row, source_key, title, description, company, industry_raw,
       NULL::VARCHAR AS sector_raw,
       location_raw,
       NULL::VARCHAR AS seniority_raw,
       NULL::VARCHAR AS employment_type,
       NULL::VARCHAR[] AS skills,
       NULL::BOOLEAN AS remote_raw,
       posted_date,
       salary_text,
       CASE WHEN NOT no_currency THEN parsed_min END AS salary_min,
       CASE WHEN NOT no_currency THEN parsed_max END AS salary_max,
       CASE WHEN NOT no_currency AND (parsed_min IS NOT NULL OR parsed_max IS NOT NULL) THEN parsed_period END AS salary_period,
       CASE WHEN NOT no_currency AND (parsed_min IS NOT NULL OR parsed_max IS NOT NULL) THEN salary_currency END AS salary_currency,
       CASE WHEN NOT no_currency AND (parsed_min IS NOT NULL OR parsed_max IS NOT NULL)
            THEN coalesce($salary_kind, CASE WHEN $salary_text_column IS NOT NULL THEN glassdoor_salary_kind(salary_text) END) END AS salary_kind,
       list_concat(
           CASE WHEN date_text IS NOT NULL AND posted_date IS NULL
                THEN [{'field': $date_column, 'reason': 'date not understood' || coalesce(' (expected ' || $date_format || ')', ''), 'raw_value': date_text, 'action': 'field_cleared'}]
                ELSE [] END,
           CASE WHEN salary_text IS NOT NULL AND parsed_min IS NULL
                THEN [{'field': $salary_text_column, 'reason': 'salary not understood', 'raw_value': salary_text, 'action': 'field_cleared'}]
                ELSE [] END,
           CASE WHEN min_text IS NOT NULL AND parsed_min IS NULL
                THEN [{'field': $salary_min_column, 'reason': 'not a number', 'raw_value': min_text, 'action': 'field_cleared'}]
                ELSE [] END,
           CASE WHEN max_text IS NOT NULL AND parsed_max IS NULL
                THEN [{'field': $salary_max_column, 'reason': 'not a number', 'raw_value': max_text, 'action': 'field_cleared'}]
                ELSE [] END,
           CASE WHEN $salary_text_column IS NULL AND period_text IS NOT NULL AND parsed_period IS NULL
                     AND (parsed_min IS NOT NULL OR parsed_max IS NOT NULL)
                THEN [{'field': coalesce($salary_period_column, 'salary.period'), 'reason': 'pay period not understood', 'raw_value': period_text, 'action': 'field_cleared'}]
                ELSE [] END,
           CASE WHEN no_currency
                THEN [{'field': coalesce($salary_currency_column, 'salary.currency'), 'reason': 'salary without a currency', 'raw_value': coalesce(min_text, max_text), 'action': 'field_cleared'}]
                ELSE [] END
       ) AS problems
FROM checked;
