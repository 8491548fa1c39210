-- Returns OEWS national annual wages (p10, p25, median, p75, p90, mean) and employment for the SOC codes in $soc_codes, for all industries (naics_sector 'all') and each NAICS sector, from the latest release loaded.
SELECT release, soc_code, occupation,
       CASE WHEN industry_code = '000000' THEN 'all' ELSE naics_sector END AS naics_sector,
       industry_code, industry_name, employment,
       annual_p10 AS p10, annual_p25 AS p25, annual_median AS median, annual_p75 AS p75, annual_p90 AS p90,
       annual_mean AS mean, array_to_string(flags, '; ') AS flags
FROM oews_wages
WHERE area_type = 'national'
  AND release = (SELECT max(release) FROM oews_wages)
  AND list_contains($soc_codes::VARCHAR[], soc_code)
  AND (industry_code = '000000'
       OR (naics_sector IS NOT NULL AND regexp_full_match(industry_code, '[0-9]{2}(--[0-9]{2}|-[0-9]{2})?')))
ORDER BY soc_code, industry_code
