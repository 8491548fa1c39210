-- Returns DuckDB's memory limit as DuckDB writes it (memory_limit, e.g. '2.7 GiB' or '476.8 MiB').
SELECT current_setting('memory_limit') AS memory_limit
