-- Reads an OEWS "all data" layout saved as CSV (all_data_M_2025.csv) into temp table oews_sheet_raw, every column text.

CREATE OR REPLACE TEMP TABLE oews_sheet_raw AS
SELECT row_number() OVER () AS source_row, *
FROM read_csv($path, header = true, auto_detect = false, delim = $delim, quote = $quote,
              escape = $quote, strict_mode = true, columns = $columns);
