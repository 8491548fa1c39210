-- Returns file_id: the id the next loaded file gets (one more than the largest so far).
SELECT coalesce(max(file_id), 0) + 1 AS file_id FROM sources
