-- Returns the (source, month) partitions an export writes, with their postings, in order.
SELECT source, coalesce(strftime(posted_date, '%Y-%m'), 'unknown') AS month, count(*) AS n_postings
FROM postings
GROUP BY ALL
ORDER BY source, month
