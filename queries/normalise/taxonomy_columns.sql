-- Returns the columns of the taxonomy_* tables as loaded: table_name, column_name (checked against what careerlens needs).
SELECT table_name, column_name
FROM duckdb_columns()
WHERE schema_name = 'main' AND starts_with(table_name, 'taxonomy_')
ORDER BY table_name, column_index
