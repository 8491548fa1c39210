-- Reads an OEWS "all data" layout saved as CSV (all_data_M_2025.csv) into temp table oews_sheet_raw, every column text.

CREATE OR REPLACE TEMP TABLE oews_sheet_raw AS
SELECT *
FROM strict_csv($path, $delim, $quote, $columns);
