-- Maps each distinct location key in locations_to_map(location_key) to country (ISO alpha-2), US state and a remote flag, as mapped_locations.
-- Reads 'City, ST', 'City, State', 'City, ST, US', 'City, California, United States', '1 Main St, City, CA 94105, US',
-- 'City, US-CA', 'Austin, Texas Metropolitan Area', 'Orange County, California Area', 'New York, United States',
-- 'Toronto, Ontario, Canada', 'United States', 'Remote', and metro names such as 'Greater Seattle Area'
-- (taxonomy_metro_areas, tried only when no state and no other country is named).
-- A location key is lower(trim(location_raw)) (see postings/prepare.sql).

CREATE OR REPLACE TEMP TABLE country_names AS
SELECT DISTINCT iso2, lower(trim(n)) AS name
FROM (SELECT iso2, unnest(list_concat([name, iso3], string_split(coalesce(aliases, ''), '|'))) AS n FROM taxonomy_countries)
WHERE trim(n) <> '' AND iso2 <> 'US';

CREATE OR REPLACE TEMP TABLE state_names AS
SELECT state, lower(state) AS name FROM taxonomy_us_states
UNION ALL SELECT state, lower(name) FROM taxonomy_us_states;

CREATE OR REPLACE TEMP TABLE mapped_locations AS
WITH parts AS (
    -- Comma-separated parts without parentheses, street zip codes, 'us-' prefixes or '(metropolitan) area' suffixes.
    SELECT location_key,
           list_filter(
               list_transform(string_split(regexp_replace(coalesce(location_key, ''), '\(.*?\)', '', 'g'), ','),
                   lambda x: trim(regexp_replace(regexp_replace(regexp_replace(trim(x),
                       '\s+[0-9]{5}(-[0-9]{4})?$', ''), '^us-([a-z]{2})$', '\1'), '\s+(metropolitan\s+)?area$', ''))),
               lambda x: x <> '') AS p
    FROM locations_to_map
), core AS (
    SELECT location_key,
           list_filter(p, lambda x: x NOT IN ('us', 'usa', 'u s', 'u s a', 'united states', 'united states of america')) AS c,
           len(p) > len(list_filter(p, lambda x: x NOT IN ('us', 'usa', 'u s', 'u s a', 'united states',
                                                          'united states of america'))) AS us_named
    FROM parts
), tail AS (
    SELECT location_key, us_named,
           CASE WHEN len(c) >= 1 THEN c[len(c)] END AS last_part,
           CASE WHEN len(c) >= 2 THEN c[len(c) - 1] END AS second_last
    FROM core
), named AS (
    SELECT t.location_key, t.us_named,
           cn.iso2 AS named_country,
           coalesce(s_last.state, CASE WHEN cn.iso2 IS NULL THEN s_second.state END) AS named_state
    FROM tail t
    LEFT JOIN country_names cn ON cn.name = t.last_part
    LEFT JOIN state_names s_last ON s_last.name = t.last_part
    LEFT JOIN state_names s_second ON s_second.name = t.second_last
), metro AS (
    SELECT n.location_key, m.state
    FROM named n
    JOIN (SELECT pattern, state, row_number() OVER () AS k FROM taxonomy_metro_areas) m
      ON regexp_matches(n.location_key, m.pattern)
    WHERE n.named_state IS NULL AND n.named_country IS NULL
    QUALIFY row_number() OVER (PARTITION BY n.location_key ORDER BY m.k) = 1
)
SELECT n.location_key,
       CASE WHEN coalesce(n.named_state, m.state) IS NOT NULL THEN 'US'
            WHEN n.named_country IS NOT NULL THEN n.named_country
            WHEN n.us_named THEN 'US' END AS country,
       coalesce(n.named_state, m.state) AS state,
       CASE WHEN n.location_key IS NULL THEN NULL
            ELSE regexp_matches(n.location_key, '\bremote\b|work from home|\bwfh\b|anywhere|telecommute') END AS remote
FROM named n
LEFT JOIN metro m USING (location_key);
