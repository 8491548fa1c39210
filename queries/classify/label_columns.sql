-- Returns the column names of the temp table label_rows (a labels CSV just read).
SELECT column_name FROM (DESCRIBE label_rows)
