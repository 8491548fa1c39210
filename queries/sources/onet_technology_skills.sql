-- Checks and inserts O*NET Technology Skills (onet_raw: onet_soc_code, example, commodity_code, commodity_title,
-- hot_technology, and in_demand from 29.x on) into onet_technology_skills; a row already stored for $release is a duplicate.

CREATE OR REPLACE TEMP TABLE onet_checked AS
WITH raw AS (
    SELECT * FROM onet_raw
    UNION ALL BY NAME
    SELECT * FROM (SELECT NULL::VARCHAR AS in_demand) WHERE false
), cleaned AS (
    SELECT source_row, trim(onet_soc_code) AS onet_soc_code, clean_text(example) AS example,
           clean_text(commodity_code) AS commodity_code, clean_text(commodity_title) AS commodity_title,
           onet_yes_no(hot_technology) AS hot_technology, onet_yes_no(in_demand) AS in_demand
    FROM raw
)
SELECT *, onet_soc_code[1:7] AS soc_code,
       CASE WHEN NOT onet_code_ok(onet_soc_code) THEN 'O*NET-SOC Code'
            WHEN example IS NULL THEN 'Example' END AS problem_field,
       CASE WHEN NOT onet_code_ok(onet_soc_code) THEN 'not an O*NET-SOC code (15-2051.00)'
            WHEN example IS NULL THEN 'no technology named' END AS problem_reason,
       CASE WHEN NOT onet_code_ok(onet_soc_code) THEN onet_soc_code END AS problem_value
FROM cleaned;

CREATE OR REPLACE TEMP TABLE onet_ready AS
SELECT c.* FROM onet_checked c
WHERE c.problem_field IS NULL
  AND NOT EXISTS (SELECT 1 FROM onet_technology_skills t
                  WHERE t.onet_soc_code = c.onet_soc_code AND t.example = c.example
                    AND t.commodity_code IS NOT DISTINCT FROM c.commodity_code
                    AND t.release IS NOT DISTINCT FROM $release)
QUALIFY row_number() OVER (PARTITION BY c.onet_soc_code, c.example, c.commodity_code ORDER BY c.source_row) = 1;

INSERT INTO onet_technology_skills (onet_soc_code, soc_code, example, commodity_code, commodity_title, hot_technology,
                                    in_demand, release, file_id)
SELECT onet_soc_code, soc_code, example, commodity_code, commodity_title, hot_technology, in_demand, $release, $file_id
FROM onet_ready ORDER BY source_row;

CREATE OR REPLACE TEMP TABLE onet_loaded AS
SELECT count(*) AS n FROM onet_technology_skills WHERE file_id = $file_id;
