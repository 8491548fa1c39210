-- Gives job-board postings with a USAJOBS occupational series the SOC code the series crosswalk names (taxonomy_usajobs_series_soc), in place of the title mapping's, with soc_method 'usajobs_series' and confidence 1.0 (onet_title then empty); a posting no curated role claims takes the crosswalk's role, else the crosswalk's SOC occupation title, so that its role and code agree.

UPDATE stored_postings p
SET soc_code = x.soc_code, soc_method = 'usajobs_series', soc_confidence = 1.0, onet_title = NULL,
    role = CASE WHEN p.role IN (SELECT role FROM taxonomy_roles WHERE role <> 'other') THEN p.role
                ELSE coalesce(x.role, x.soc_title, p.role) END
FROM (SELECT DISTINCT posting_id, occupational_series FROM posting_sightings WHERE occupational_series IS NOT NULL) g
JOIN taxonomy_usajobs_series_soc x ON x.series = g.occupational_series
WHERE p.posting_id = g.posting_id
  AND (p.soc_code IS DISTINCT FROM x.soc_code OR p.soc_method IS DISTINCT FROM 'usajobs_series'
       OR (p.role NOT IN (SELECT role FROM taxonomy_roles WHERE role <> 'other')
           AND p.role IS DISTINCT FROM coalesce(x.role, x.soc_title, p.role)));
