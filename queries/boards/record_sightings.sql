-- Records the snapshot just loaded (board_snapshots) and every accepted posting in it (posting_sightings), from ready_postings and board_records.

INSERT INTO posting_sightings
SELECT r.posting_id, b.source_key, $provider, $board, $seen_at::TIMESTAMP, $file_id,
       b.url, b.department, b.closes_on, b.occupational_series
FROM ready_postings r JOIN board_records b ON b.source_row = r.source_row
ORDER BY r.source_row;

INSERT INTO board_snapshots VALUES ($file_id, $provider, $board, $seen_at::TIMESTAMP, $jobs);
