-- Sets DuckDB's memory limit back to its default (80% of the machine's memory).
RESET memory_limit
