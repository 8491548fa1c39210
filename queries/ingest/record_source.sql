-- Records one loaded file in sources: what it was, its row accounting, when, how long it took and by which careerlens.
INSERT INTO sources VALUES ($file_id, $file_name, $file_path, $sha256, $format, $kind, $rows_read, $rows_loaded,
                            $rows_rejected, $rows_duplicate, $identical_records, current_timestamp::TIMESTAMP,
                            $load_seconds, $careerlens_version, $notes);
