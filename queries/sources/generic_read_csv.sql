-- Reads a delimited generic file (CSV, CSV.GZ, TSV) strictly into generic_raw: every column as text, in file order, plus careerlens_unmapped (NULL: what an unmapped field's column lookup in generic.sql matches).
-- Not numbered here: row_number() OVER () would hold the read to one thread; generic.sql stages the rows in this
-- order and postings/number_staged.sql numbers them.

CREATE OR REPLACE TEMP TABLE generic_raw AS
SELECT NULL::VARCHAR AS careerlens_unmapped, *
FROM strict_csv_unnumbered($path, $delim, $quote, $columns);
