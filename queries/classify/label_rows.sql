-- Creates the temp table label_rows from a labels CSV (dataset, row, [split,] topics), every cell as text, numbered by line (line_no 2 = first record).
CREATE OR REPLACE TEMP TABLE label_rows AS
SELECT (row_number() OVER () + 1)::BIGINT AS line_no, *
FROM read_csv($path, header = true, all_varchar = true, auto_detect = true)
