-- Writes every stored posting (the postings view) to the folder $path as Parquet, hive-partitioned by source and month of posted_date ('unknown' when it has none), in row groups of about 10,000 postings: the partitions a Dask run scores.
-- Rows need not keep their order inside a partition; keeping it made DuckDB hold a million postings' text in memory.
SET preserve_insertion_order = false;
COPY (SELECT *, coalesce(strftime(posted_date, '%Y-%m'), 'unknown') AS month FROM postings)
TO $path (FORMAT parquet, PARTITION_BY (source, month), ROW_GROUP_SIZE 10000, FILE_SIZE_BYTES '256MB');
RESET preserve_insertion_order;
