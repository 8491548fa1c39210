-- Returns the OEWS rows of the latest release for the SOC codes in $soc_codes: national by every industry level, and each state across industries, with annual wages (p10 .. p90), employment, the industry level and the flags naming values BLS does not publish as a number (top-coded, not released).
SELECT release, soc_code, occupation, area_type, area_code, area_name, industry_code, industry_name, industry_level,
       naics_sector, employment, annual_p10 AS p10, annual_p25 AS p25, annual_median AS p50, annual_p75 AS p75,
       annual_p90 AS p90, array_to_string(flags, ';') AS flags
FROM oews_wages
WHERE release = (SELECT max(release) FROM oews_wages)
  AND list_contains($soc_codes::VARCHAR[], soc_code)
  AND (area_type = 'national' OR (area_type = 'state' AND industry_code = '000000'))
ORDER BY soc_code, area_type, industry_code, area_code
