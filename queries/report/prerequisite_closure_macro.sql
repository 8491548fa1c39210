-- Creates the temp table macro prerequisite_closure(links): every (topic, requires, path) where topic needs `requires` directly or through the topics in path, from a curriculum's links (a list of {topic, requires}).
CREATE OR REPLACE TEMP MACRO prerequisite_closure(links) AS TABLE
WITH RECURSIVE edges AS (
    SELECT link.topic, link.requires
    FROM (SELECT unnest(links::STRUCT(topic VARCHAR, requires VARCHAR)[]) AS link)
), closure(topic, requires, path) AS (
    SELECT topic, requires, [topic, requires] FROM edges
    UNION ALL
    SELECT c.topic, e.requires, list_append(c.path, e.requires)
    FROM closure c JOIN edges e ON e.topic = c.requires
    WHERE NOT list_contains(c.path, e.requires)   -- cycles are refused on load; this keeps SQL finite regardless
)
SELECT topic, requires, path FROM closure
