-- Returns one past the largest rowid of stored_postings (0 when empty) and the number of postings: the range the classify batches walk.
SELECT coalesce(max(rowid) + 1, 0) AS rowid_end, count(*) AS n_postings FROM stored_postings
