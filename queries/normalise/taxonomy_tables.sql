-- Creates the taxonomy_* tables, every column text, from the data/taxonomy CSV files bound as $<name>_csv (normalise/taxonomy_types.sql types them).

CREATE OR REPLACE TEMP MACRO taxonomy_csv(csv_path) AS TABLE
    SELECT * FROM read_csv(csv_path, header = true, auto_detect = true, all_varchar = true);

CREATE OR REPLACE TABLE taxonomy_roles AS FROM taxonomy_csv($roles_csv);
CREATE OR REPLACE TABLE taxonomy_role_patterns AS FROM taxonomy_csv($role_patterns_csv);
CREATE OR REPLACE TABLE taxonomy_seniority_patterns AS FROM taxonomy_csv($seniority_patterns_csv);
CREATE OR REPLACE TABLE taxonomy_seniority_levels AS FROM taxonomy_csv($seniority_levels_csv);
CREATE OR REPLACE TABLE taxonomy_naics_sectors AS FROM taxonomy_csv($naics_sectors_csv);
CREATE OR REPLACE TABLE taxonomy_industry_map AS FROM taxonomy_csv($industry_map_csv);
CREATE OR REPLACE TABLE taxonomy_us_states AS FROM taxonomy_csv($us_states_csv);
CREATE OR REPLACE TABLE taxonomy_countries AS FROM taxonomy_csv($countries_csv);
CREATE OR REPLACE TABLE taxonomy_metro_areas AS FROM taxonomy_csv($metro_areas_csv);
CREATE OR REPLACE TABLE taxonomy_pay_periods AS FROM taxonomy_csv($pay_periods_csv);
CREATE OR REPLACE TABLE taxonomy_fx_rates AS FROM taxonomy_csv($fx_rates_csv);
CREATE OR REPLACE TABLE taxonomy_usajobs_series_soc AS FROM taxonomy_csv($usajobs_series_soc_csv);
