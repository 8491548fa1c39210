-- Returns, per role in $roles, the postings careerlens mapped to it (n_postings) and those among them in the NAICS sectors $industries (n_in_sectors).
SELECT r.role, count(p.posting_id) AS n_postings,
       count(p.posting_id) FILTER (WHERE list_contains($industries::VARCHAR[], p.naics_sector)) AS n_in_sectors
FROM (SELECT unnest($roles::VARCHAR[]) AS role) r
LEFT JOIN postings p ON p.role = r.role
GROUP BY r.role
