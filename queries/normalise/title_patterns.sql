-- Returns every role and seniority pattern: pattern_table ('role_patterns' or 'seniority_patterns'), priority, pattern and the value it gives, role patterns first, each table by priority.
SELECT pattern_table, priority, pattern, value
FROM (
    SELECT 1 AS table_order, 'role_patterns' AS pattern_table, priority, pattern, role AS value
    FROM taxonomy_role_patterns
    UNION ALL
    SELECT 2 AS table_order, 'seniority_patterns' AS pattern_table, priority, pattern, seniority AS value
    FROM taxonomy_seniority_patterns
)
ORDER BY table_order, priority
