-- Reads a Parquet generic file into generic_raw, with its own column types, plus careerlens_source_row (1 = first row).

CREATE OR REPLACE TEMP TABLE generic_raw AS
SELECT row_number() OVER () AS careerlens_source_row, *
FROM read_parquet($path);
