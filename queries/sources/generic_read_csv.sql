-- Reads a delimited generic file (CSV, CSV.GZ, TSV) strictly into generic_raw: every column as text, plus careerlens_source_row (1 = first record after the header).

CREATE OR REPLACE TEMP TABLE generic_raw AS
SELECT row_number() OVER () AS careerlens_source_row, *
FROM strict_csv_records($path, $delim, $quote, $columns);
