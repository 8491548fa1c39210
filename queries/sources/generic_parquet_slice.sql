-- Creates the view generic_raw over records $first_row + 1 to $first_row + $slice_rows of the Parquet generic file $path (one slice of a sliced load, staged in the staging area), in file order.
-- A view, so that staging reads the slice straight from the file: the area holds the staged rows and no raw copy.
-- A view cannot hold bound parameters, so they go through variables. file_row_number counts from 0; DuckDB skips
-- the row groups outside the range. A file with a column of its own named file_row_number is never read in slices
-- (careerlens.sources.generic).
SET VARIABLE careerlens_slice_path = $path;
SET VARIABLE careerlens_slice_first_row = $first_row;
SET VARIABLE careerlens_slice_rows = $slice_rows;
CREATE OR REPLACE TEMP VIEW generic_raw AS
SELECT NULL::VARCHAR AS careerlens_unmapped, *
FROM read_parquet(getvariable('careerlens_slice_path'))
WHERE file_row_number >= getvariable('careerlens_slice_first_row')
  AND file_row_number < getvariable('careerlens_slice_first_row') + getvariable('careerlens_slice_rows');
