-- Returns industry and sector strings that map to no NAICS sector, with how many postings carry each.
SELECT source, industry_raw, sector_raw, count(*) AS postings
FROM postings
WHERE naics_sector IS NULL AND (industry_raw IS NOT NULL OR sector_raw IS NOT NULL)
GROUP BY ALL ORDER BY postings DESC, industry_raw
