-- Adds one BLS OEWS dimension file (oe.area, oe.industry, oe.occupation, oe.datatype, oe.footnote) to temp table oews_names.
-- $companion_columns names the file's code column 'code' and its name column 'name' (chosen by header in Python),
-- so one query reads all five; BLS pads values with spaces, hence the trims.

INSERT INTO oews_names
SELECT $dimension AS dimension, trim(code) AS code, min(trim(name)) AS name
FROM strict_csv($companion_path, $companion_delim, $companion_quote, $companion_columns)
WHERE nullif(trim(code), '') IS NOT NULL
GROUP BY trim(code);
