-- Returns O*NET Knowledge ratings (importance IM 1-5, level LV 0-7, respondents n) per O*NET-SOC occupation and knowledge area, for the occupations under the SOC codes $soc_codes, from the latest release in onet_knowledge (origin 'loaded'), or, when no Knowledge ratings are loaded, from the bundled extract at $bundled_path (origin 'bundled'); level is NULL where O*NET marks it not relevant, and flagged where O*NET recommends suppressing it.
WITH loaded AS (
    SELECT k.release, k.onet_soc_code, k.soc_code, o.title, k.element_id, k.element_name, k.scale_id, k.data_value,
           k.n, k.recommend_suppress, k.not_relevant, 'loaded' AS origin
    FROM onet_knowledge k
    LEFT JOIN (SELECT onet_soc_code, any_value(title) AS title FROM onet_occupations GROUP BY onet_soc_code) o
        USING (onet_soc_code)
), bundled AS (
    SELECT release, onet_soc_code, soc_code, title, element_id, element_name, scale_id, data_value, n,
           recommend_suppress, not_relevant, 'bundled' AS origin
    FROM read_csv($bundled_path, header = true, auto_detect = false,
                  columns = {'release': 'VARCHAR', 'onet_soc_code': 'VARCHAR', 'soc_code': 'VARCHAR',
                             'title': 'VARCHAR', 'element_id': 'VARCHAR', 'element_name': 'VARCHAR',
                             'scale_id': 'VARCHAR', 'data_value': 'DOUBLE', 'n': 'DOUBLE',
                             'recommend_suppress': 'BOOLEAN', 'not_relevant': 'BOOLEAN'})
    WHERE NOT EXISTS (SELECT 1 FROM onet_knowledge)
), ratings AS (
    SELECT * FROM loaded UNION ALL SELECT * FROM bundled
), latest AS (
    SELECT release FROM ratings ORDER BY TRY_CAST(release AS DOUBLE) DESC NULLS LAST LIMIT 1
)
SELECT r.soc_code, r.onet_soc_code, any_value(r.title) AS title, r.element_id, r.element_name,
       max(r.data_value) FILTER (WHERE r.scale_id = 'IM') AS importance,
       max(r.data_value) FILTER (WHERE r.scale_id = 'LV' AND NOT coalesce(r.not_relevant, false)) AS level,
       max(r.n) AS n,
       coalesce(bool_or(r.recommend_suppress), false) AS recommend_suppress,
       any_value(r.release) AS release, any_value(r.origin) AS origin
FROM ratings r
WHERE r.release IS NOT DISTINCT FROM (SELECT release FROM latest)
  AND list_contains($soc_codes::VARCHAR[], r.soc_code)
GROUP BY r.soc_code, r.onet_soc_code, r.element_id, r.element_name
ORDER BY r.soc_code, r.onet_soc_code, r.element_id
