-- Creates the temp table macros prerequisite_closure(links) and topic_demand_of(labelled_by, topic_links). prerequisite_closure: every (topic, requires, path) where topic needs `requires` directly or through the topics in path, from a curriculum's links (a list of {topic, requires}).
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
SELECT topic, requires, path FROM closure;

-- topic_demand_of: per posting labelled by the model labelled_by, every topic it asks for explicitly (explicit = true) or only
-- through a topic that transitively requires it (explicit = false): the rows behind explicit and implicit demand.
CREATE OR REPLACE TEMP MACRO topic_demand_of(labelled_by, topic_links) AS TABLE
SELECT posting_id, topic_id, bool_or(explicit) AS explicit
FROM (SELECT posting_id, topic_id, true AS explicit
      FROM posting_topics WHERE model_id = labelled_by AND is_positive
      UNION ALL
      SELECT a.posting_id, c.requires, false
      FROM posting_topics a JOIN prerequisite_closure(topic_links) c ON c.topic = a.topic_id
      WHERE a.model_id = labelled_by AND a.is_positive)
GROUP BY posting_id, topic_id
