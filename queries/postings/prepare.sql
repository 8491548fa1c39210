-- Checks the staged postings (temp table staged_postings), records rejects, and builds per row the keys and content hash that normalisation and insert join on (checked_postings: narrow, no text columns).
-- staged_postings columns: source_row, source_key, title, description, company, industry_raw, sector_raw,
-- location_raw, seniority_raw, employment_type, skills (VARCHAR[]), remote_raw (BOOLEAN), posted_date (DATE),
-- salary_text, salary_min, salary_max, salary_period, salary_currency, salary_kind,
-- problems (list of STRUCT(field, reason, raw_value, action)); action 'row_rejected' refuses the row.
-- posting_id comes from posting_content_ids (source_row, posting_id), which careerlens.contentkey computed from the
-- staged text (see careerlens.normalise.load_postings). The short fields the mappings join on repeat, so each
-- distinct value is keyed once (staged_field_keys) and joined back.

CREATE OR REPLACE TEMP TABLE staged_field_keys AS
SELECT value, text_key(value) AS value_key
FROM (SELECT title AS value FROM staged_postings
      UNION SELECT industry_raw FROM staged_postings
      UNION SELECT sector_raw FROM staged_postings)
WHERE value IS NOT NULL;

-- DuckDB gives a scan one thread per row group of 122,880 rows: so the rows are read in two halves, two pipelines
-- that run on two cores at any size. The halves need preserve_insertion_order off; the statements that follow read
-- checked_postings by key or sort it.
SET preserve_insertion_order = false;

CREATE OR REPLACE TEMP TABLE checked_postings AS
WITH halves AS (
    SELECT * FROM staged_postings WHERE source_row % 2 = 0
    UNION ALL
    SELECT * FROM staged_postings WHERE source_row % 2 IS DISTINCT FROM 0
), base AS (
    SELECT s.source_row, s.salary_min, s.salary_max, s.posted_date,
        list_concat(
            coalesce(s.problems, []),
            CASE WHEN s.title IS NULL AND s.description IS NULL
                 THEN [{'field': 'title', 'reason': 'no title and no description', 'raw_value': NULL::VARCHAR, 'action': 'row_rejected'}]
                 ELSE [] END,
            CASE WHEN s.salary_min < 0 OR s.salary_max < 0
                 THEN [{'field': 'salary', 'reason': 'negative salary', 'raw_value': coalesce(s.salary_text, s.salary_min::VARCHAR), 'action': 'field_cleared'}]
                 ELSE [] END,
            CASE WHEN s.posted_date > current_date + INTERVAL 1 DAY
                 THEN [{'field': 'posted_date', 'reason': 'date in the future', 'raw_value': s.posted_date::VARCHAR, 'action': 'field_cleared'}]
                 ELSE [] END
        ) AS all_problems,
        title_keys.value_key AS title_key,
        ids.posting_id,
        industry_keys.value_key AS industry_key,
        sector_keys.value_key AS sector_key,
        lower(trim(s.location_raw)) AS location_key,
        lower(trim(s.seniority_raw)) AS seniority_key
    FROM halves s
    LEFT JOIN staged_field_keys title_keys ON title_keys.value = s.title
    JOIN posting_content_ids ids ON ids.source_row = s.source_row
    LEFT JOIN staged_field_keys industry_keys ON industry_keys.value = s.industry_raw
    LEFT JOIN staged_field_keys sector_keys ON sector_keys.value = s.sector_raw
)
SELECT source_row,
    all_problems AS problems,
    list_bool_or(list_transform(all_problems, lambda p: p.action = 'row_rejected')) AS rejected,
    CASE WHEN salary_min < 0 OR salary_max < 0 THEN NULL ELSE least(salary_min, coalesce(salary_max, salary_min)) END AS salary_min,
    CASE WHEN salary_min < 0 OR salary_max < 0 THEN NULL ELSE greatest(salary_max, coalesce(salary_min, salary_max)) END AS salary_max,
    CASE WHEN posted_date > current_date + INTERVAL 1 DAY THEN NULL ELSE posted_date END AS posted_date,
    title_key, location_key, industry_key, sector_key, seniority_key, posting_id
FROM base;

RESET preserve_insertion_order;

INSERT INTO rejects
SELECT $file_id, $file_name, source_row, p.field, p.reason, p.raw_value, p.action
FROM (SELECT source_row, unnest(problems) AS p, unnest(range(len(problems))) AS i
      FROM checked_postings WHERE len(problems) > 0)
ORDER BY source_row, i;

CREATE OR REPLACE TEMP TABLE titles_to_map AS
SELECT DISTINCT title_key, seniority_key FROM checked_postings WHERE NOT coalesce(rejected, false);

CREATE OR REPLACE TEMP TABLE locations_to_map AS
SELECT DISTINCT location_key FROM checked_postings WHERE NOT coalesce(rejected, false);

CREATE OR REPLACE TEMP TABLE industries_to_map AS
SELECT DISTINCT industry_key, sector_key FROM checked_postings WHERE NOT coalesce(rejected, false);
