-- Reads an O*NET tab-separated text file into temp table onet_raw, every column text; $columns names the columns
-- careerlens reads as the queries expect them (onet_soc_code, title, ...), chosen by header name in Python.

CREATE OR REPLACE TEMP TABLE onet_raw AS
SELECT row_number() OVER () AS source_row, *
FROM read_csv($path, header = true, auto_detect = false, delim = $delim, quote = $quote,
              escape = $quote, strict_mode = true, columns = $columns);
