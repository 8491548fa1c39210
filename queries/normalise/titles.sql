-- Maps each distinct title key in titles_to_map(title_key, seniority_key) to a canonical role, SOC 2018 code and seniority, as mapped_titles.
-- Role: the highest-priority (smallest number) pattern in taxonomy_role_patterns that matches, with its role's SOC
-- code (soc_method 'pattern'); failing that, the O*NET title coder's code from coded_titles (careerlens.titlecoder):
-- an O*NET title equal to the cleaned title (soc_method 'onet_exact', role_method 'onet'), else the nearest O*NET
-- titles (soc_method 'onet_nearest', role_method 'onet_nearest'); below the coder's confidence threshold, no SOC
-- (soc_method 'none', onet_title the best guess, role 'other').
-- A coded title's role is the curated role marked soc_default for its SOC when the match is exact, else its SOC
-- occupation title (soc_occupation_titles: 'Registered Nurses'), so that demand by occupation covers every posting.
-- A pattern may name the role 'other' on purpose (e.g. 'Product Manager' must not become a data manager); the SOC
-- code and the role of such a title still come from the coder ('Marketing Managers').
-- Seniority: the highest-priority seniority pattern; a pattern whose value is 'none' says the title names no level
-- (e.g. 'Product Manager'), so the source's own level field decides, as it does when no pattern matches; else 'mid'.
-- Needs pattern_hits(key, pattern_table, priority, value) and coded_titles, filled by careerlens.normalise.map_titles
-- (one vectorised scan per pattern: a regex taken from a column would be recompiled for every row).

CREATE OR REPLACE TEMP TABLE pattern_roles AS
SELECT key AS title_key, arg_min(value, priority) AS role
FROM pattern_hits WHERE pattern_table = 'role_patterns'
GROUP BY key;

CREATE OR REPLACE TEMP TABLE title_seniority AS
SELECT key AS title_key, nullif(arg_min(value, priority), 'none') AS seniority
FROM pattern_hits WHERE pattern_table = 'seniority_patterns'
GROUP BY key;

CREATE OR REPLACE TEMP TABLE mapped_titles AS
SELECT t.title_key, t.seniority_key,
       coalesce(nullif(pr.role, 'other'), r_onet.role, st.soc_title, ct.soc_code, 'other') AS role,
       coalesce(r_pattern.soc_code, ct.soc_code) AS soc_code,
       CASE WHEN pr.role IS NOT NULL AND (pr.role <> 'other' OR ct.soc_code IS NULL) THEN 'pattern'
            WHEN ct.soc_method = 'onet_exact' THEN 'onet'
            WHEN ct.soc_code IS NOT NULL THEN 'onet_nearest' ELSE 'none' END AS role_method,
       CASE WHEN r_pattern.soc_code IS NOT NULL THEN 'pattern' WHEN t.title_key IS NULL THEN 'none'
            ELSE coalesce(ct.soc_method, 'none') END AS soc_method,
       CASE WHEN r_pattern.soc_code IS NOT NULL THEN 1.0 ELSE ct.soc_confidence END AS soc_confidence,
       CASE WHEN r_pattern.soc_code IS NULL THEN ct.onet_title END AS onet_title,
       coalesce(ts.seniority, sm.seniority, CASE WHEN t.title_key IS NULL THEN NULL ELSE 'mid' END) AS seniority
FROM titles_to_map t
LEFT JOIN pattern_roles pr USING (title_key)
LEFT JOIN taxonomy_roles r_pattern ON r_pattern.role = pr.role
LEFT JOIN coded_titles ct USING (title_key)
LEFT JOIN (SELECT soc_code, coalesce(min(role) FILTER (WHERE soc_default = 'yes'), min(role)) AS role
           FROM taxonomy_roles WHERE role <> 'other' AND soc_code IS NOT NULL GROUP BY soc_code) r_onet
       ON r_onet.soc_code = ct.soc_code AND ct.soc_method = 'onet_exact' AND pr.role IS NULL
LEFT JOIN soc_occupation_titles st ON st.soc_code = ct.soc_code AND r_pattern.soc_code IS NULL
LEFT JOIN title_seniority ts USING (title_key)
LEFT JOIN taxonomy_seniority_levels sm ON sm.level_key = t.seniority_key;
