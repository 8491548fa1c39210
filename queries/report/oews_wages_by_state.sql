-- Returns OEWS annual wages (p10, p25, median, p75, p90, mean) and employment by US state, all industries, for the SOC codes in $soc_codes, from the latest release loaded.
SELECT release, soc_code, occupation, area_code, area_name, employment,
       annual_p10 AS p10, annual_p25 AS p25, annual_median AS median, annual_p75 AS p75, annual_p90 AS p90,
       annual_mean AS mean, array_to_string(flags, '; ') AS flags
FROM oews_wages
WHERE area_type = 'state'
  AND industry_code = '000000'
  AND release = (SELECT max(release) FROM oews_wages)
  AND list_contains($soc_codes::VARCHAR[], soc_code)
ORDER BY soc_code, area_code
