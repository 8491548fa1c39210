-- Creates onet_title_index(release, onet_soc_code, soc_code, title, title_kind, title_key, phrase), the O*NET titles the title coder codes by: the store's own O*NET titles of their newest release when that release is at least as new as the bundled one ($bundled_titles_csv, O*NET 29.3) or names no release, else the bundled titles, which carry their occupation phrase (careerlens.titleclean.occupation_phrase, computed when the file was built; NULL for the store's titles, which the coder cleans itself);
-- and soc_occupation_titles(soc_code, soc_title), each SOC code's occupation title (O*NET's title of its .00 occupation, else its first; the bundled title when the titles in use name none): the role of a title no curated role claims.

CREATE OR REPLACE TEMP TABLE onet_title_bundled AS
SELECT release, onet_soc_code, soc_code, title, title_kind, phrase
FROM read_csv($bundled_titles_csv, header = true, all_varchar = true);

CREATE OR REPLACE TEMP MACRO onet_release_order(r) AS list_transform(string_split(r, '.'), lambda x: try_cast(x AS INTEGER));

CREATE OR REPLACE TEMP TABLE onet_title_index AS
WITH newest_stored AS (
    SELECT release FROM (SELECT DISTINCT release FROM onet_titles)
    ORDER BY release IS NULL DESC, onet_release_order(release) DESC LIMIT 1
), use_stored AS (
    SELECT count(*) > 0 AS yes FROM newest_stored s
    WHERE s.release IS NULL
       OR onet_release_order(s.release) >= (SELECT max(onet_release_order(release)) FROM onet_title_bundled)
)
SELECT release, onet_soc_code, soc_code, title, title_kind, text_key(title) AS title_key, NULL::VARCHAR AS phrase
FROM onet_titles
WHERE (SELECT yes FROM use_stored) AND release IS NOT DISTINCT FROM (SELECT release FROM newest_stored)
UNION ALL
SELECT release, onet_soc_code, soc_code, title, title_kind, text_key(title) AS title_key, phrase
FROM onet_title_bundled
WHERE NOT (SELECT yes FROM use_stored);

CREATE OR REPLACE TEMP TABLE soc_occupation_titles AS
WITH in_use AS (
    SELECT soc_code, arg_min(title, onet_soc_code) AS soc_title
    FROM onet_title_index WHERE title_kind = 'occupation' GROUP BY soc_code
), bundled AS (
    SELECT soc_code, arg_min(title, onet_soc_code) AS soc_title
    FROM onet_title_bundled WHERE title_kind = 'occupation' GROUP BY soc_code
)
SELECT soc_code, soc_title FROM in_use
UNION ALL
SELECT soc_code, soc_title FROM bundled WHERE soc_code NOT IN (SELECT soc_code FROM in_use);
