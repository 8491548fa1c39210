-- Returns the US employment of every detailed SOC occupation (soc_code, occupation, employment) in the store's national, cross-industry OEWS rows of $release, in the column order of data/oews/oews_may2025_employment.csv.
SELECT soc_code, occupation, employment
FROM oews_wages
WHERE release = $release AND area_type = 'national' AND industry_code = '000000'
  AND regexp_full_match(soc_code, '[0-9]{2}-[0-9]{3}[1-9]') AND employment IS NOT NULL
ORDER BY soc_code
