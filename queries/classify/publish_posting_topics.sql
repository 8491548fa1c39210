-- Replaces posting_topics with the finished classify pass in building_topics (run inside one transaction), then drops building_topics.
DELETE FROM posting_topics;
INSERT INTO posting_topics SELECT * FROM building_topics;
DROP TABLE building_topics;
