-- Returns the number of postings per canonical role and NAICS sector (NULL: not mapped): what the report's --roles and --industries filters are checked against before any figure is drawn.
SELECT role, naics_sector, count(*) AS n_postings
FROM postings
GROUP BY role, naics_sector
