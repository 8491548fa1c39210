-- Returns the OEWS rows bundled with careerlens: curriculum-relevant occupations, national by industry and by state across industries, in oews_extract column order.
SELECT release, area_type, area_code, area_name, industry_code, industry_name, soc_code, occupation,
       employment, annual_mean, annual_p10, annual_p25, annual_median, annual_p75, annual_p90,
       hourly_mean, hourly_median, flags
FROM oews_wages
WHERE regexp_full_match(soc_code, '15-[12][0-9]{3}|13-1111|13-2[0-9]{3}|11-3021|19-[0-9]{4}|(00|11|13|15|19)-0000')
  AND (area_type = 'national' OR (area_type = 'state' AND industry_level = 'cross_industry'))
ORDER BY area_type, area_code, industry_code, soc_code
