-- Reads a Parquet generic file into generic_raw, with its own column types, in file order, plus careerlens_unmapped (NULL: what an unmapped field's column lookup in generic.sql matches).
-- Not numbered here (see generic_read_csv.sql): postings/number_staged.sql numbers the staged rows.

CREATE OR REPLACE TEMP TABLE generic_raw AS
SELECT NULL::VARCHAR AS careerlens_unmapped, *
FROM read_parquet($path);
