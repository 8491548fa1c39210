-- Replaces temp table linkedin_skills (skill_abr, skill_name) with the LinkedIn companion mappings/skills.csv: job-function code -> name ('IT' -> 'Information Technology').

CREATE OR REPLACE TEMP TABLE linkedin_skills AS
SELECT clean_text(skill_abr) AS skill_abr, clean_text(skill_name) AS skill_name
FROM strict_csv($companion_path, $companion_delim, $companion_quote, $companion_columns);
