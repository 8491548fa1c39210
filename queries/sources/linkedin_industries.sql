-- Replaces temp table linkedin_industries (industry_id, industry_name) with the LinkedIn companion mappings/industries.csv: LinkedIn industry id -> name.

CREATE OR REPLACE TEMP TABLE linkedin_industries AS
SELECT linkedin_id(industry_id) AS industry_id, clean_text(industry_name) AS industry_name
FROM strict_csv($companion_path, $companion_delim, $companion_quote, $companion_columns);
