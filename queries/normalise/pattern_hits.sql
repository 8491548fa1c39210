-- Adds to pattern_hits the title keys one pattern ($pattern, bound as a constant so that DuckDB compiles it once) matches, with its table, priority and value.
INSERT INTO pattern_hits
SELECT key, $pattern_table, $priority, $value FROM pattern_keys
WHERE regexp_matches(' ' || key || ' ', $pattern);
