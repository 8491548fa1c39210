-- Returns the input lines numbered in ($first, $first + $count] of classify_input: one batch of `classify --input`.
SELECT line_no, title, "text"
FROM classify_input
WHERE line_no > $first AND line_no <= $first + $count
ORDER BY line_no
