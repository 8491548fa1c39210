-- Reads a delimited generic file (CSV, CSV.GZ, TSV) strictly into generic_raw: every column as text, plus careerlens_source_row (1 = first record after the header).

CREATE OR REPLACE TEMP TABLE generic_raw AS
SELECT row_number() OVER () AS careerlens_source_row, *
FROM read_csv($path, header = true, auto_detect = false, delim = $delim, quote = $quote,
              escape = $quote, strict_mode = true, columns = $columns);
