-- Reads a JSON Lines generic file (one object per line) into generic_raw, plus careerlens_source_row (1 = first line).
-- $json_format is 'newline_delimited' for .jsonl/.ndjson, 'auto' for .json (which may also be one array of objects).

CREATE OR REPLACE TEMP TABLE generic_raw AS
SELECT row_number() OVER () AS careerlens_source_row, *
FROM read_json($path, format = $json_format);
