-- Re-applies the mapped_titles, mapped_locations and mapped_industries tables to every stored posting and survey record.

UPDATE stored_postings p
SET role = t.role, soc_code = t.soc_code, role_method = t.role_method, seniority = t.seniority,
    soc_method = t.soc_method, soc_confidence = t.soc_confidence, onet_title = t.onet_title
FROM mapped_titles t
WHERE t.title_key IS NOT DISTINCT FROM text_key(p.title)
  AND t.seniority_key IS NOT DISTINCT FROM lower(trim(p.seniority_raw));

UPDATE stored_postings p
SET country = l.country, state = l.state, remote = coalesce(p.remote, l.remote)
FROM mapped_locations l
WHERE l.location_key IS NOT DISTINCT FROM lower(trim(p.location_raw));

UPDATE stored_postings p
SET naics_sector = i.naics_sector
FROM mapped_industries i
WHERE i.industry_key IS NOT DISTINCT FROM text_key(p.industry_raw)
  AND i.sector_key IS NOT DISTINCT FROM text_key(p.sector_raw);

UPDATE stored_salary_records r
SET role = t.role, soc_code = t.soc_code
FROM mapped_titles t
WHERE t.title_key IS NOT DISTINCT FROM text_key(r.job_title)
  AND t.seniority_key IS NOT DISTINCT FROM lower(trim(r.experience_level));
