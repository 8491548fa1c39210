-- Replaces temp table linkedin_company_industries (company_id, industry, file_row) with the LinkedIn companion companies/company_industries.csv: one row per (company, industry name); a few companies have two.

CREATE OR REPLACE TEMP TABLE linkedin_company_industries AS
SELECT linkedin_id(company_id) AS company_id, clean_text(industry) AS industry, row_number() OVER () AS file_row
FROM strict_csv($companion_path, $companion_delim, $companion_quote, $companion_columns);
