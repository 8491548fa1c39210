-- Replaces the labels of $curriculum_name's models (the pass's own among them) and of models no longer stored with the finished classify pass in building_topics (run inside one transaction), then drops building_topics. Other curricula's labels stay.
DELETE FROM posting_topics
WHERE model_id IN (SELECT model_id FROM classifier_models WHERE curriculum_name = $curriculum_name)
   OR model_id NOT IN (SELECT model_id FROM classifier_models);
INSERT INTO posting_topics SELECT * FROM building_topics;
DROP TABLE building_topics;
