-- Creates the empty temp table text_topic_scores that collects posting_topic_scores over the batches of `classify --input`.
CREATE OR REPLACE TEMP TABLE text_topic_scores (
    posting_id  VARCHAR NOT NULL,
    topic_id    VARCHAR NOT NULL,
    score       DOUBLE NOT NULL,
    is_positive BOOLEAN NOT NULL,
    evidence    VARCHAR
)
