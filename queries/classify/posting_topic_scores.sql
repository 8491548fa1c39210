-- Creates the temp table posting_topic_scores from scored_batch (a registered Arrow table: per (text, topic) with a candidate sentence its best score, and up to two counting sentences, rank 1 and 2, each with the phrase that made it a candidate, anchor): per (text, topic) the best sentence score, whether it reaches $threshold, and the counting sentences as evidence (each long one cut to 300 characters around the phrase that counted; joined by ' … '; glue marks $glue_mark removed).
CREATE OR REPLACE TEMP TABLE posting_topic_scores AS
WITH sized AS (
    SELECT posting_id, topic_id, score, rank, evidence, anchor, length(evidence) AS n FROM scored_batch
), placed AS (
    SELECT *, CASE WHEN n > 300 THEN greatest(1, strpos(evidence, anchor) - 120) END AS start FROM sized
), pieces AS (
    SELECT posting_id, topic_id, score, rank,
           CASE WHEN n <= 300 THEN trim(evidence)
                ELSE CASE WHEN start > 1 THEN '…' ELSE '' END || trim(substring(evidence, start, 300))
                     || CASE WHEN start + 300 <= n THEN '…' ELSE '' END
           END AS piece
    FROM placed
)
SELECT posting_id, topic_id, max(score) AS score, max(score) >= $threshold AS is_positive,
       replace(string_agg(piece, ' … ' ORDER BY rank), $glue_mark, '') AS evidence
FROM pieces
GROUP BY posting_id, topic_id
