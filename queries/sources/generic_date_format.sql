-- Returns one parse of a sample date with $date_format; fails when the format is not a valid strptime format.
SELECT try_strptime('2000-01-01', $date_format) AS parsed
