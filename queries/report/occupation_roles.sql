-- Returns the roles of postings coded to one of the SOC codes $soc_codes that are not curated roles ($curated_roles), with their SOC code and postings (role, soc_code, n_postings): the occupation roles ('Registered Nurses') a SOC code stands for besides the curated roles carrying it.
SELECT role, soc_code, count(*) AS n_postings
FROM postings
WHERE list_contains($soc_codes::VARCHAR[], soc_code) AND role IS NOT NULL
  AND NOT list_contains($curated_roles::VARCHAR[], role)
GROUP BY role, soc_code
ORDER BY n_postings DESC, role
