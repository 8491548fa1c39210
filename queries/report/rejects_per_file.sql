-- Returns, per loaded file, field and reason, how many rows were refused and how many fields were cleared.
SELECT file_name, coalesce(field, '') AS field, reason,
       count(*) FILTER (WHERE action = 'row_rejected') AS rows_rejected,
       count(*) FILTER (WHERE action = 'field_cleared') AS fields_cleared,
       any_value(left(raw_value, 60) ORDER BY source_row) AS example_value
FROM rejects
GROUP BY ALL
ORDER BY file_name, rows_rejected + fields_cleared DESC, reason
