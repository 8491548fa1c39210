-- Returns location strings from which no country could be read, with how many postings carry each.
SELECT source, location_raw, count(*) AS postings
FROM postings
WHERE country IS NULL AND location_raw IS NOT NULL
GROUP BY ALL ORDER BY postings DESC, location_raw
