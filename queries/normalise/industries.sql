-- Maps each distinct (industry_key, sector_key) in industries_to_map to a NAICS 2022 sector, as mapped_industries: the industry first, then the sector; NULL when neither is in taxonomy_industry_map.

CREATE OR REPLACE TEMP TABLE mapped_industries AS
SELECT t.industry_key, t.sector_key, coalesce(i.naics_sector, s.naics_sector) AS naics_sector
FROM industries_to_map t
LEFT JOIN (SELECT industry_key, min(naics_sector) AS naics_sector FROM taxonomy_industry_map GROUP BY 1) i
       ON i.industry_key = t.industry_key
LEFT JOIN (SELECT industry_key, min(naics_sector) AS naics_sector FROM taxonomy_industry_map GROUP BY 1) s
       ON s.industry_key = t.sector_key;
