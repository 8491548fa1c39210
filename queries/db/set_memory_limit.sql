-- Sets DuckDB's memory limit to $limit (e.g. '3GB'); a limit below what it holds makes it evict cached blocks first.
SET memory_limit = $limit
