-- Returns the bytes DuckDB holds in memory as cached_table_bytes (blocks of stored tables, which it can read again from the file) and other_bytes (temp tables, query state).
SELECT coalesce(sum(memory_usage_bytes) FILTER (WHERE tag = 'BASE_TABLE'), 0)::BIGINT AS cached_table_bytes,
       coalesce(sum(memory_usage_bytes) FILTER (WHERE tag <> 'BASE_TABLE'), 0)::BIGINT AS other_bytes
FROM duckdb_memory()
