-- Adds one BLS OEWS dimension file (oe.area, oe.industry, oe.occupation, oe.datatype, oe.footnote) to temp table oews_names.
-- $dimension_columns names the file's code column 'code' and its name column 'name' (chosen by header in Python),
-- so one query reads all five; BLS pads values with spaces, hence the trims.

INSERT INTO oews_names
SELECT $dimension AS dimension, trim(code) AS code, min(trim(name)) AS name
FROM strict_csv($dimension_path, $dimension_delim, $dimension_quote, $dimension_columns)
WHERE nullif(trim(code), '') IS NOT NULL
GROUP BY trim(code);
