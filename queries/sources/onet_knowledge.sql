-- Checks and inserts O*NET Knowledge ratings (onet_raw: onet_soc_code, element_id, element_name, scale_id, data_value,
-- n, recommend_suppress, not_relevant) into onet_knowledge; a rating already stored for $release is a duplicate.

CREATE OR REPLACE TEMP TABLE onet_checked AS
WITH raw AS (
    SELECT * FROM onet_raw
    UNION ALL BY NAME
    SELECT * FROM (SELECT NULL::VARCHAR AS n, NULL::VARCHAR AS recommend_suppress, NULL::VARCHAR AS not_relevant)
    WHERE false
), cleaned AS (
    SELECT source_row, trim(onet_soc_code) AS onet_soc_code, clean_text(element_id) AS element_id,
           clean_text(element_name) AS element_name, clean_text(scale_id) AS scale_id,
           trim(data_value) AS data_value_raw, TRY_CAST(trim(data_value) AS DOUBLE) AS data_value,
           TRY_CAST(clean_text(n) AS DOUBLE) AS n,
           onet_yes_no(recommend_suppress) AS recommend_suppress, onet_yes_no(not_relevant) AS not_relevant
    FROM raw
)
SELECT *, onet_soc_code[1:7] AS soc_code,
       CASE WHEN NOT onet_code_ok(onet_soc_code) THEN 'O*NET-SOC Code'
            WHEN element_id IS NULL THEN 'Element ID'
            WHEN scale_id IS NULL THEN 'Scale ID'
            WHEN data_value IS NULL THEN 'Data Value' END AS problem_field,
       CASE WHEN NOT onet_code_ok(onet_soc_code) THEN 'not an O*NET-SOC code (15-2051.00)'
            WHEN element_id IS NULL THEN 'no knowledge element'
            WHEN scale_id IS NULL THEN 'no scale (IM or LV)'
            WHEN data_value IS NULL THEN 'not a number' END AS problem_reason,
       CASE WHEN NOT onet_code_ok(onet_soc_code) THEN onet_soc_code
            WHEN data_value IS NULL THEN data_value_raw END AS problem_value
FROM cleaned;

CREATE OR REPLACE TEMP TABLE onet_ready AS
SELECT c.* FROM onet_checked c
WHERE c.problem_field IS NULL
  AND NOT EXISTS (SELECT 1 FROM onet_knowledge k
                  WHERE k.onet_soc_code = c.onet_soc_code AND k.element_id = c.element_id
                    AND k.scale_id = c.scale_id AND k.release IS NOT DISTINCT FROM $release)
QUALIFY row_number() OVER (PARTITION BY c.onet_soc_code, c.element_id, c.scale_id ORDER BY c.source_row) = 1;

INSERT INTO onet_knowledge (onet_soc_code, soc_code, element_id, element_name, scale_id, data_value, n,
                            recommend_suppress, not_relevant, release, file_id)
SELECT onet_soc_code, soc_code, element_id, element_name, scale_id, data_value, n, recommend_suppress, not_relevant,
       $release, $file_id
FROM onet_ready ORDER BY source_row;

CREATE OR REPLACE TEMP TABLE onet_loaded AS
SELECT count(*) AS n FROM onet_knowledge WHERE file_id = $file_id;
