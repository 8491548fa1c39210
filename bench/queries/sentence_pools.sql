-- Builds the sentence pools the synthetic descriptions draw from: real_sentences (sentence_id, text), pools (grp, bucket, first_id, size), templates (real_id, grp, n_sentences) and group_members (grp, member, real_id) with groups (grp, size).
-- A sentence keeps its own ending ('. ', newline); its bucket is the third of its posting it came from (opening, body, closing).
CREATE OR REPLACE TEMP TABLE split AS
SELECT real_id, grp,
       list_filter(string_split(regexp_replace(description, '([.!?]\s+|\n+)', '\1' || chr(31), 'g'), chr(31)),
                   lambda s: length(trim(s)) > 0) AS pieces
FROM real_postings;

CREATE OR REPLACE TEMP TABLE templates AS
SELECT real_id, grp, len(pieces) AS n_sentences FROM split WHERE len(pieces) > 0;

CREATE OR REPLACE TEMP TABLE located AS
SELECT grp, real_id, k, (3 * k) // n AS bucket,
       CASE WHEN regexp_matches(piece, '\s$') THEN piece ELSE piece || ' ' END AS text
FROM (SELECT grp, real_id, len(pieces) AS n, unnest(pieces) AS piece, unnest(range(len(pieces))) AS k FROM split);

CREATE OR REPLACE TEMP TABLE real_sentences AS
SELECT row_number() OVER (ORDER BY grp, bucket, real_id, k) - 1 AS sentence_id, grp, bucket, text FROM located;

CREATE OR REPLACE TEMP TABLE pools AS
SELECT grp, bucket, min(sentence_id) AS first_id, count(*) AS size FROM real_sentences GROUP BY grp, bucket;

CREATE OR REPLACE TEMP TABLE group_members AS
SELECT grp, row_number() OVER (PARTITION BY grp ORDER BY real_id) - 1 AS member, real_id FROM real_postings;

CREATE OR REPLACE TEMP TABLE groups AS
SELECT grp, count(*) AS size FROM group_members GROUP BY grp;
