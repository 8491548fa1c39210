-- Returns rows, first_row and last_row (the smallest and largest source_row) of staged_postings: what a load of the whole staged file cuts into slices.
SELECT count(*) AS rows, coalesce(min(source_row), 0) AS first_row, coalesce(max(source_row), 0) AS last_row
FROM staged_postings
