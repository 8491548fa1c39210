-- Collects the distinct titles, locations and industries of everything already stored into the *_to_map tables, so the mappings can be re-applied.

CREATE OR REPLACE TEMP TABLE titles_to_map AS
SELECT DISTINCT text_key(title) AS title_key, lower(trim(seniority_raw)) AS seniority_key FROM stored_postings
UNION
SELECT DISTINCT text_key(job_title), lower(trim(experience_level)) FROM stored_salary_records;

CREATE OR REPLACE TEMP TABLE locations_to_map AS
SELECT DISTINCT lower(trim(location_raw)) AS location_key FROM stored_postings;

CREATE OR REPLACE TEMP TABLE industries_to_map AS
SELECT DISTINCT text_key(industry_raw) AS industry_key, text_key(sector_raw) AS sector_key FROM stored_postings;
