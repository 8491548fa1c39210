-- Maps each distinct title key in titles_to_map(title_key, seniority_key) to a canonical role, SOC 2018 code and seniority, as mapped_titles.
-- Role: the highest-priority pattern in taxonomy_role_patterns that matches; failing that, an exact O*NET title
-- (alternate or reported) gives the SOC code, and the role whose SOC that is; failing both, 'other'.
-- Needs pattern_hits(key, pattern_table, priority, value), filled by careerlens.taxonomy.match_patterns
-- (one vectorised scan per pattern: a regex taken from a column would be recompiled for every row).

CREATE OR REPLACE TEMP TABLE pattern_roles AS
SELECT key AS title_key, arg_min(value, priority) AS role
FROM pattern_hits WHERE pattern_table = 'role_patterns'
GROUP BY key;

CREATE OR REPLACE TEMP TABLE onet_title_socs AS
SELECT o.title_key, mode(o.soc_code) AS soc_code
FROM onet_titles o
WHERE o.title_key IN (SELECT title_key FROM titles_to_map)
  AND o.title_key NOT IN (SELECT title_key FROM pattern_roles)
GROUP BY o.title_key;

CREATE OR REPLACE TEMP TABLE title_seniority AS
SELECT key AS title_key, arg_min(value, priority) AS seniority
FROM pattern_hits WHERE pattern_table = 'seniority_patterns'
GROUP BY key;

CREATE OR REPLACE TEMP TABLE mapped_titles AS
SELECT t.title_key, t.seniority_key,
       coalesce(pr.role, r_onet.role, 'other') AS role,
       coalesce(r_pattern.soc_code, os.soc_code) AS soc_code,
       CASE WHEN pr.role IS NOT NULL THEN 'pattern' WHEN os.soc_code IS NOT NULL THEN 'onet' ELSE 'none' END AS role_method,
       coalesce(ts.seniority, sm.seniority, CASE WHEN t.title_key IS NULL THEN NULL ELSE 'mid' END) AS seniority
FROM titles_to_map t
LEFT JOIN pattern_roles pr USING (title_key)
LEFT JOIN taxonomy_roles r_pattern ON r_pattern.role = pr.role
LEFT JOIN onet_title_socs os USING (title_key)
LEFT JOIN (SELECT soc_code, min(role) AS role FROM taxonomy_roles WHERE role <> 'other' GROUP BY soc_code) r_onet
       ON r_onet.soc_code = os.soc_code
LEFT JOIN title_seniority ts USING (title_key)
LEFT JOIN taxonomy_seniority_levels sm ON sm.level_key = t.seniority_key;
