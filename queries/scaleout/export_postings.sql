-- Writes every stored posting (the postings view) to the folder $path as Parquet, hive-partitioned by source and month of posted_date ('unknown' when it has none), in row groups of about 10,000 postings: the partitions a Dask run scores.
-- Memory stays bounded at any size: rows need not keep their order inside a partition, and each partition's
-- rows are flushed to its file every 10,000 (DuckDB's default, 512k rows a partition and thread, held a
-- million postings' text in memory and ran past a 3GB limit).
SET preserve_insertion_order = false;
SET partitioned_write_flush_threshold = 10000;
COPY (SELECT *, coalesce(strftime(posted_date, '%Y-%m'), 'unknown') AS month FROM postings)
TO $path (FORMAT parquet, PARTITION_BY (source, month), ROW_GROUP_SIZE 10000, FILE_SIZE_BYTES '256MB');
RESET partitioned_write_flush_threshold;
RESET preserve_insertion_order;
