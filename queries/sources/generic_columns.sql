-- Returns the column names of the generic file just read (temp table generic_raw), in file order, without careerlens' placeholder column.
SELECT column_name
FROM duckdb_columns()
WHERE database_name = 'temp' AND table_name = 'generic_raw' AND column_name <> 'careerlens_unmapped'
ORDER BY column_index
