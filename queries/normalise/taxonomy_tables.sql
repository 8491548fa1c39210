-- Creates the taxonomy_* tables, every column text, from the data/taxonomy CSV files bound as $<name>_csv (normalise/taxonomy_types.sql types them).

CREATE OR REPLACE TABLE taxonomy_roles AS
SELECT * FROM read_csv($roles_csv, header = true, auto_detect = true, all_varchar = true);

CREATE OR REPLACE TABLE taxonomy_role_patterns AS
SELECT * FROM read_csv($role_patterns_csv, header = true, auto_detect = true, all_varchar = true);

CREATE OR REPLACE TABLE taxonomy_seniority_patterns AS
SELECT * FROM read_csv($seniority_patterns_csv, header = true, auto_detect = true, all_varchar = true);

CREATE OR REPLACE TABLE taxonomy_seniority_levels AS
SELECT * FROM read_csv($seniority_levels_csv, header = true, auto_detect = true, all_varchar = true);

CREATE OR REPLACE TABLE taxonomy_naics_sectors AS
SELECT * FROM read_csv($naics_sectors_csv, header = true, auto_detect = true, all_varchar = true);

CREATE OR REPLACE TABLE taxonomy_industry_map AS
SELECT * FROM read_csv($industry_map_csv, header = true, auto_detect = true, all_varchar = true);

CREATE OR REPLACE TABLE taxonomy_us_states AS
SELECT * FROM read_csv($us_states_csv, header = true, auto_detect = true, all_varchar = true);

CREATE OR REPLACE TABLE taxonomy_countries AS
SELECT * FROM read_csv($countries_csv, header = true, auto_detect = true, all_varchar = true);

CREATE OR REPLACE TABLE taxonomy_metro_areas AS
SELECT * FROM read_csv($metro_areas_csv, header = true, auto_detect = true, all_varchar = true);

CREATE OR REPLACE TABLE taxonomy_pay_periods AS
SELECT * FROM read_csv($pay_periods_csv, header = true, auto_detect = true, all_varchar = true);

CREATE OR REPLACE TABLE taxonomy_fx_rates AS
SELECT * FROM read_csv($fx_rates_csv, header = true, auto_detect = true, all_varchar = true);
