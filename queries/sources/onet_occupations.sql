-- Checks and inserts O*NET Occupation Data (onet_raw: onet_soc_code, title, description) into onet_occupations, and each
-- occupation's own title into onet_titles (title_kind 'occupation'); an occupation already stored for $release is a duplicate.

CREATE OR REPLACE TEMP TABLE onet_checked AS
WITH cleaned AS (
    SELECT source_row, trim(onet_soc_code) AS onet_soc_code, clean_text(title) AS title,
           clean_text(description) AS description
    FROM onet_raw
)
SELECT *, onet_soc_code[1:7] AS soc_code,
       CASE WHEN NOT onet_code_ok(onet_soc_code) THEN 'O*NET-SOC Code'
            WHEN text_key(title) IS NULL THEN 'Title' END AS problem_field,
       CASE WHEN NOT onet_code_ok(onet_soc_code) THEN 'not an O*NET-SOC code (15-2051.00)'
            WHEN text_key(title) IS NULL THEN 'no title' END AS problem_reason,
       CASE WHEN NOT onet_code_ok(onet_soc_code) THEN onet_soc_code ELSE title END AS problem_value
FROM cleaned;

CREATE OR REPLACE TEMP TABLE onet_ready AS
SELECT c.* FROM onet_checked c
WHERE c.problem_field IS NULL
  AND NOT EXISTS (SELECT 1 FROM onet_occupations o
                  WHERE o.onet_soc_code = c.onet_soc_code AND o.release IS NOT DISTINCT FROM $release)
QUALIFY row_number() OVER (PARTITION BY c.onet_soc_code ORDER BY c.source_row) = 1;

INSERT INTO onet_occupations (onet_soc_code, soc_code, title, description, release, file_id)
SELECT onet_soc_code, soc_code, title, description, $release, $file_id FROM onet_ready ORDER BY source_row;

INSERT INTO onet_titles (onet_soc_code, soc_code, title, title_key, title_kind, release, file_id)
SELECT onet_soc_code, soc_code, title, text_key(title), 'occupation', $release, $file_id
FROM onet_ready ORDER BY source_row;

CREATE OR REPLACE TEMP TABLE onet_loaded AS
SELECT count(*) AS n FROM onet_occupations WHERE file_id = $file_id;
