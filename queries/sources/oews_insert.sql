-- Inserts the staged OEWS rows (staged_oews) whose (release, area, industry, occupation) is not stored yet, with their NAICS
-- sector, and records oews_problems in rejects; the rows kept are left in oews_new for sources/oews_counts.
-- A key already stored (from another file, or earlier in this file) is a duplicate: the first row loaded wins.

CREATE OR REPLACE TEMP TABLE oews_new AS
SELECT s.*, t.naics_sector
FROM staged_oews s
LEFT JOIN taxonomy_naics_sectors t ON t.naics_sector = oews_sector_candidate(s.industry_code)
WHERE NOT EXISTS (SELECT 1 FROM stored_oews_wages w
                  WHERE w.release = s.release AND w.area_code = s.area_code
                    AND w.industry_code = s.industry_code AND w.soc_code = s.soc_code)
QUALIFY row_number() OVER (PARTITION BY s.release, s.area_code, s.industry_code, s.soc_code ORDER BY s.first_row) = 1;

INSERT INTO stored_oews_wages
    (release, area_type, area_code, area_name, industry_code, industry_name, naics_sector, soc_code, occupation,
     employment, annual_mean, annual_p10, annual_p25, annual_median, annual_p75, annual_p90, hourly_mean,
     hourly_median, flags, file_id)
SELECT release, area_type, area_code, area_name, industry_code, industry_name, naics_sector, soc_code, occupation,
       employment, annual_mean, annual_p10, annual_p25, annual_median, annual_p75, annual_p90, hourly_mean,
       hourly_median, flags, $file_id
FROM oews_new
ORDER BY first_row;

INSERT INTO rejects (file_id, file_name, source_row, field, reason, raw_value, action)
SELECT $file_id, $file_name, source_row, field, reason, raw_value, action
FROM oews_problems
ORDER BY source_row NULLS LAST;
