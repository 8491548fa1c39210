-- Returns the row groups of the Parquet file $path in file order: row_group_id, rows, and bytes (the row group's columns uncompressed), what a sliced load cuts the file along.
SELECT row_group_id, any_value(row_group_num_rows)::BIGINT AS rows, sum(total_uncompressed_size)::BIGINT AS bytes
FROM parquet_metadata($path)
GROUP BY row_group_id
ORDER BY row_group_id
