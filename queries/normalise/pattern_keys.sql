-- Creates the empty temp table pattern_hits(key, pattern_table, priority, value) and pattern_keys, the distinct title keys of titles_to_map that the role and seniority patterns are matched against.

CREATE OR REPLACE TEMP TABLE pattern_hits (key VARCHAR, pattern_table VARCHAR, priority INTEGER, value VARCHAR);

CREATE OR REPLACE TEMP TABLE pattern_keys AS
SELECT DISTINCT key FROM (SELECT title_key AS key FROM titles_to_map) WHERE key IS NOT NULL;
