-- Creates the temp table sentence_scores that a classify batch fills: per (text, topic) with a candidate sentence, its best score, and up to two counting sentences (rank 1, 2) with the phrase that made each a candidate (anchor).
CREATE OR REPLACE TEMP TABLE sentence_scores (
    posting_id  VARCHAR NOT NULL,
    topic_id    VARCHAR NOT NULL,
    score       DOUBLE NOT NULL,
    rank        INTEGER NOT NULL,
    evidence    VARCHAR,
    anchor      VARCHAR
)
