-- Reads an O*NET tab-separated text file into temp table onet_raw, every column text; $columns names the columns
-- careerlens reads as the queries expect them (onet_soc_code, title, ...), chosen by header name in Python.

CREATE OR REPLACE TEMP TABLE onet_raw AS
SELECT *
FROM strict_csv($path, $delim, $quote, $columns);
