-- Maps each distinct title key in titles_to_map(title_key, seniority_key) to a canonical role, SOC 2018 code and seniority, as mapped_titles.
-- Role: the highest-priority (smallest number) pattern in taxonomy_role_patterns that matches; failing that, an exact
-- O*NET title (occupation, alternate or reported) gives the SOC code and the role marked soc_default for that SOC
-- (role_method 'onet'); failing that, the longest run of 2-6 words of the title that is an O*NET title gives the SOC
-- code only (role 'other', role_method 'onet_partial'); failing all, 'other' with no SOC (role_method 'none').
-- A pattern may name the role 'other' on purpose (e.g. 'Product Manager' must not become a data manager); the SOC
-- code of such a title still comes from O*NET.
-- Seniority: the highest-priority seniority pattern; a pattern whose value is 'none' says the title names no level
-- (e.g. 'Product Manager'), so the source's own level field decides, as it does when no pattern matches; else 'mid'.
-- Needs pattern_hits(key, pattern_table, priority, value), filled by careerlens.normalise.map_titles
-- (one vectorised scan per pattern: a regex taken from a column would be recompiled for every row).

CREATE OR REPLACE TEMP TABLE pattern_roles AS
SELECT key AS title_key, arg_min(value, priority) AS role
FROM pattern_hits WHERE pattern_table = 'role_patterns'
GROUP BY key;

-- O*NET titles name several SOC codes at times: prefer an occupation title, then a reported one, then the commonest.
CREATE OR REPLACE TEMP TABLE onet_key_socs AS
SELECT title_key, soc_code FROM (
    SELECT title_key, soc_code,
           min(CASE title_kind WHEN 'occupation' THEN 0 WHEN 'reported' THEN 1 ELSE 2 END) AS kind_rank,
           count(*) AS n
    FROM onet_titles GROUP BY title_key, soc_code)
QUALIFY row_number() OVER (PARTITION BY title_key ORDER BY kind_rank, n DESC, soc_code) = 1;

-- Titles no role pattern claims, split into runs of 2 to 6 words ('Dental Hygienist - choose your shift' holds
-- the O*NET title 'dental hygienist'); the whole title is one of the runs.
CREATE OR REPLACE TEMP TABLE title_word_runs AS
WITH words AS (
    SELECT title_key, string_split(title_key, ' ') AS w
    FROM titles_to_map
    WHERE title_key IS NOT NULL
      AND title_key NOT IN (SELECT title_key FROM pattern_roles WHERE role <> 'other')
), starts AS (
    SELECT title_key, w, unnest(range(1, len(w) + 1)) AS s FROM words
), runs AS (
    SELECT title_key, w, s, unnest(range(1, least(6, len(w) - s + 1) + 1)) AS n FROM starts
)
SELECT DISTINCT title_key, s, n, n = len(w) AS whole, array_to_string(w[s:s + n - 1], ' ') AS run
FROM runs
WHERE n >= 2 OR n = len(w);

-- The whole title if O*NET has it, else its longest (then first) run that is an O*NET title.
CREATE OR REPLACE TEMP TABLE onet_title_socs AS
SELECT r.title_key, o.soc_code, r.whole
FROM title_word_runs r JOIN onet_key_socs o ON o.title_key = r.run
QUALIFY row_number() OVER (PARTITION BY r.title_key ORDER BY r.whole DESC, r.n DESC, r.s) = 1;

CREATE OR REPLACE TEMP TABLE title_seniority AS
SELECT key AS title_key, nullif(arg_min(value, priority), 'none') AS seniority
FROM pattern_hits WHERE pattern_table = 'seniority_patterns'
GROUP BY key;

CREATE OR REPLACE TEMP TABLE mapped_titles AS
SELECT t.title_key, t.seniority_key,
       coalesce(pr.role, r_onet.role, 'other') AS role,
       coalesce(r_pattern.soc_code, os.soc_code) AS soc_code,
       CASE WHEN pr.role IS NOT NULL THEN 'pattern' WHEN os.whole THEN 'onet' WHEN os.soc_code IS NOT NULL THEN 'onet_partial'
            ELSE 'none' END AS role_method,
       coalesce(ts.seniority, sm.seniority, CASE WHEN t.title_key IS NULL THEN NULL ELSE 'mid' END) AS seniority
FROM titles_to_map t
LEFT JOIN pattern_roles pr USING (title_key)
LEFT JOIN taxonomy_roles r_pattern ON r_pattern.role = pr.role
LEFT JOIN onet_title_socs os USING (title_key)
LEFT JOIN (SELECT soc_code, coalesce(min(role) FILTER (WHERE soc_default = 'yes'), min(role)) AS role
           FROM taxonomy_roles WHERE role <> 'other' AND soc_code IS NOT NULL GROUP BY soc_code) r_onet
       ON r_onet.soc_code = os.soc_code AND os.whole AND pr.role IS NULL
LEFT JOIN title_seniority ts USING (title_key)
LEFT JOIN taxonomy_seniority_levels sm ON sm.level_key = t.seniority_key;
