-- Checks the staged postings (temp table staged_postings), records rejects, and builds the keys that normalisation joins on.
-- staged_postings columns: source_row, source_key, title, description, company, industry_raw, sector_raw,
-- location_raw, seniority_raw, employment_type, skills (VARCHAR[]), remote_raw (BOOLEAN), posted_date (DATE),
-- salary_text, salary_min, salary_max, salary_period, salary_currency, salary_kind,
-- problems (list of STRUCT(field, reason, raw_value, action)); action 'row_rejected' refuses the row.

CREATE OR REPLACE TEMP TABLE checked_postings AS
WITH base AS (
    SELECT *,
        list_concat(
            coalesce(problems, []),
            CASE WHEN title IS NULL AND description IS NULL
                 THEN [{'field': 'title', 'reason': 'no title and no description', 'raw_value': NULL::VARCHAR, 'action': 'row_rejected'}]
                 ELSE [] END,
            CASE WHEN salary_min < 0 OR salary_max < 0
                 THEN [{'field': 'salary', 'reason': 'negative salary', 'raw_value': coalesce(salary_text, salary_min::VARCHAR), 'action': 'field_cleared'}]
                 ELSE [] END,
            CASE WHEN posted_date > current_date + INTERVAL 1 DAY
                 THEN [{'field': 'posted_date', 'reason': 'date in the future', 'raw_value': posted_date::VARCHAR, 'action': 'field_cleared'}]
                 ELSE [] END
        ) AS all_problems
    FROM staged_postings
)
SELECT * EXCLUDE (problems, all_problems, salary_min, salary_max, posted_date),
    all_problems AS problems,
    list_bool_or(list_transform(all_problems, lambda p: p.action = 'row_rejected')) AS rejected,
    CASE WHEN salary_min < 0 OR salary_max < 0 THEN NULL ELSE least(salary_min, coalesce(salary_max, salary_min)) END AS salary_min,
    CASE WHEN salary_min < 0 OR salary_max < 0 THEN NULL ELSE greatest(salary_max, coalesce(salary_min, salary_max)) END AS salary_max,
    CASE WHEN posted_date > current_date + INTERVAL 1 DAY THEN NULL ELSE posted_date END AS posted_date,
    text_key(title) AS title_key,
    lower(trim(location_raw)) AS location_key,
    text_key(industry_raw) AS industry_key,
    text_key(sector_raw) AS sector_key,
    lower(trim(seniority_raw)) AS seniority_key,
    md5(concat_ws(chr(31), coalesce(text_key(title), ''), coalesce(text_key(company), ''),
                  coalesce(text_key(location_raw), ''), coalesce(text_key(description), ''))) AS posting_id
FROM base;

INSERT INTO rejects
SELECT $file_id, $file_name, source_row, p.field, p.reason, p.raw_value, p.action
FROM (SELECT source_row, unnest(problems) AS p FROM checked_postings WHERE len(problems) > 0);

CREATE OR REPLACE TEMP TABLE titles_to_map AS
SELECT DISTINCT title_key, seniority_key FROM checked_postings WHERE NOT coalesce(rejected, false);

CREATE OR REPLACE TEMP TABLE locations_to_map AS
SELECT DISTINCT location_key FROM checked_postings WHERE NOT coalesce(rejected, false);

CREATE OR REPLACE TEMP TABLE industries_to_map AS
SELECT DISTINCT industry_key, sector_key FROM checked_postings WHERE NOT coalesce(rejected, false);
