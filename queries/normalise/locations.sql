-- Maps each distinct location key in locations_to_map(location_key) to country (ISO alpha-2), US state and a remote flag, as mapped_locations.
-- Reads 'City, ST', 'City, State', 'City, ST, US', 'United States', 'Remote', and metro names such as 'Greater Seattle Area'.

CREATE OR REPLACE TEMP TABLE mapped_locations AS
WITH parts AS (
    SELECT location_key,
           list_filter(list_transform(string_split(regexp_replace(location_key, '\(.*?\)', '', 'g'), ','), lambda x: trim(x)), lambda x: x <> '') AS p
    FROM locations_to_map
), tail AS (
    SELECT location_key, p,
           p[len(p)] AS last_part,
           CASE WHEN len(p) >= 2 THEN p[len(p) - 1] END AS second_last
    FROM parts
), located AS (
    SELECT t.location_key,
           coalesce(s_last.state, s_last_name.state, s_second.state, s_second_name.state, m.state) AS state,
           coalesce(c_last.iso2, c_code.iso2) AS named_country
    FROM tail t
    LEFT JOIN taxonomy_us_states s_last ON lower(s_last.state) = t.last_part
    LEFT JOIN taxonomy_us_states s_last_name ON lower(s_last_name.name) = t.last_part
    LEFT JOIN taxonomy_us_states s_second ON lower(s_second.state) = t.second_last
         AND t.last_part IN ('us', 'usa', 'united states', 'united states of america')
    LEFT JOIN taxonomy_us_states s_second_name ON lower(s_second_name.name) = t.second_last
    LEFT JOIN taxonomy_countries c_last ON lower(c_last.name) = t.last_part
    LEFT JOIN taxonomy_countries c_code ON lower(c_code.iso3) = t.last_part
    LEFT JOIN (SELECT pattern, state, row_number() OVER () AS k FROM taxonomy_metro_areas) m
           ON regexp_matches(t.location_key, m.pattern)
    QUALIFY row_number() OVER (PARTITION BY t.location_key ORDER BY m.k NULLS LAST) = 1
)
SELECT location_key,
       CASE WHEN state IS NOT NULL THEN 'US' ELSE named_country END AS country,
       state,
       CASE WHEN location_key IS NULL THEN NULL
            ELSE regexp_matches(location_key, '\bremote\b|work from home|\bwfh\b|anywhere') END AS remote
FROM located;
