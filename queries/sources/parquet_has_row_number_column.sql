-- Returns has: whether the Parquet file $path has a column of its own named file_row_number (which would hide the row number its slices are read by).
SELECT count(*) > 0 AS has FROM parquet_schema($path) WHERE name = 'file_row_number'
