-- Replaces temp table linkedin_industries (industry_id, industry_name) with the LinkedIn companion mappings/industries.csv: LinkedIn industry id -> name.

CREATE OR REPLACE TEMP TABLE linkedin_industries AS
SELECT linkedin_id(industry_id) AS industry_id, clean_text(industry_name) AS industry_name
FROM read_csv($companion_path, header = true, auto_detect = false, delim = $companion_delim, quote = $companion_quote,
              escape = $companion_quote, strict_mode = true, columns = $companion_columns);
