-- Writes every stored posting (the postings view) to the folder $path as Parquet, hive-partitioned by source and month of posted_date ('unknown' when it has none).
COPY (SELECT *, coalesce(strftime(posted_date, '%Y-%m'), 'unknown') AS month FROM postings)
TO $path (FORMAT parquet, PARTITION_BY (source, month), FILE_SIZE_BYTES '256MB')
