-- Creates titles_to_code(title_key): the distinct title keys of titles_to_map that no role pattern claims for a curated role, which the O*NET title coder codes. A pattern naming 'other' on purpose leaves the title to the coder.
CREATE OR REPLACE TEMP TABLE titles_to_code AS
SELECT DISTINCT t.title_key
FROM titles_to_map t
WHERE t.title_key IS NOT NULL
  AND t.title_key NOT IN (SELECT key FROM pattern_hits WHERE pattern_table = 'role_patterns'
                          GROUP BY key HAVING arg_min(value, priority) <> 'other')
ORDER BY t.title_key;
