-- Schema version 4: every posting's SOC code says how it was found (soc_method: pattern | onet_exact | onet_nearest | none), how sure the coder is (soc_confidence, 0-1) and the O*NET title it matched (onet_title; for 'none' the best guess); the postings view shows them. careerlens normalise fills them for postings stored before.

ALTER TABLE stored_postings ADD COLUMN IF NOT EXISTS soc_method VARCHAR;
ALTER TABLE stored_postings ADD COLUMN IF NOT EXISTS soc_confidence DOUBLE;
ALTER TABLE stored_postings ADD COLUMN IF NOT EXISTS onet_title VARCHAR;

CREATE OR REPLACE VIEW postings AS
SELECT posting_id, source, s.file_name AS source_file, source_row, source_key,
       title, description, company, role, soc_code, seniority, naics_sector,
       industry_raw, sector_raw, country, state, remote, posted_date,
       salary_min_usd, salary_max_usd, salary_mid_usd, salary_period, salary_kind,
       salary_text, salary_min, salary_max, salary_currency, salary_flag,
       location_raw, employment_type, skills, role_method,
       seen.first_seen, seen.last_seen,
       soc_method, soc_confidence, onet_title
FROM stored_postings p JOIN sources s USING (file_id)
LEFT JOIN (SELECT posting_id, min(seen_at) AS first_seen, max(seen_at) AS last_seen
           FROM posting_sightings GROUP BY posting_id) seen USING (posting_id);
