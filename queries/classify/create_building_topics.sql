-- Creates the empty temp table building_topics (the shape of posting_topics): a classify pass writes its labels there batch by batch, then publish_posting_topics swaps them in.
CREATE OR REPLACE TEMP TABLE building_topics AS SELECT * FROM posting_topics LIMIT 0
