-- Returns the column names of the generic file just read (temp table generic_raw), in file order, without careerlens' row number.
SELECT column_name
FROM duckdb_columns()
WHERE database_name = 'temp' AND table_name = 'generic_raw' AND column_name <> 'careerlens_source_row'
ORDER BY column_index
