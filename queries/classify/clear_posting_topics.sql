-- Empties posting_topics before a classify pass writes the labels of one model.
DELETE FROM posting_topics
