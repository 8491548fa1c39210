-- Sets role, SOC code and seniority (mapped_titles) on the postings of the file just inserted whole (ready_postings);
-- the insert left them empty, so that the title coder could code the titles while it ran (postings/insert.sql).
UPDATE stored_postings p
SET role = t.role, soc_code = t.soc_code, role_method = t.role_method, seniority = t.seniority,
    soc_method = t.soc_method, soc_confidence = t.soc_confidence, onet_title = t.onet_title
FROM ready_postings r
JOIN mapped_titles t ON t.title_key IS NOT DISTINCT FROM r.title_key AND t.seniority_key IS NOT DISTINCT FROM r.seniority_key
WHERE p.file_id = $file_id AND p.source_row = r.source_row;
