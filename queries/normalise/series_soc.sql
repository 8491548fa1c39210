-- Gives job-board postings with a USAJOBS occupational series the SOC code the series crosswalk names (taxonomy_usajobs_series_soc), in place of the title mapping's; a posting the titles gave no role takes the crosswalk's role.

UPDATE stored_postings p
SET soc_code = x.soc_code, role = coalesce(p.role, x.role)
FROM (SELECT DISTINCT posting_id, occupational_series FROM posting_sightings WHERE occupational_series IS NOT NULL) g
JOIN taxonomy_usajobs_series_soc x ON x.series = g.occupational_series
WHERE p.posting_id = g.posting_id
  AND (p.soc_code IS DISTINCT FROM x.soc_code OR (p.role IS NULL AND x.role IS NOT NULL));
