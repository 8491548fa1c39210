-- Reads a JSON Lines generic file (one object per line) into generic_raw, in file order, plus careerlens_unmapped (NULL: what an unmapped field's column lookup in generic.sql matches).
-- $json_format is 'newline_delimited' for .jsonl/.ndjson, 'auto' for .json (which may also be one array of objects).
-- Not numbered here (see generic_read_csv.sql): postings/number_staged.sql numbers the staged rows.

CREATE OR REPLACE TEMP TABLE generic_raw AS
SELECT NULL::VARCHAR AS careerlens_unmapped, *
FROM read_json($path, format = $json_format);
