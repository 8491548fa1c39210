-- Reads records $first_row + 1 to $first_row + $slice_rows of a Parquet generic file into generic_raw, in file order: with $slice_rows 0, the columns of a file loaded in slices (sources/generic_parquet_slice.sql).
-- file_row_number counts from 0; DuckDB skips the row groups outside the range by their row numbers. A file with
-- a column of its own named file_row_number is never read in slices (careerlens.sources.generic).

CREATE OR REPLACE TEMP TABLE generic_raw AS
SELECT NULL::VARCHAR AS careerlens_unmapped, *
FROM read_parquet($path)
WHERE file_row_number >= $first_row AND file_row_number < $first_row + $slice_rows;
