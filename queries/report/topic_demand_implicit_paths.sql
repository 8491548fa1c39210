-- Returns the evidence of implicit demand: for each topic and each requiring topic ("via"), the postings in $roles / $industries (NULL = all) labelled by model $model_id that count for the topic only through via (n_postings; each posting is credited to one via: shortest path of $links, then the best-scored), with up to $per_path examples: the path of links, and via's evidence sentence in that posting.
WITH closure AS (   -- see report/prerequisite_closure_macro.sql
    SELECT * FROM prerequisite_closure($links)
), scope AS (
    SELECT p.posting_id, p.title, p.role
    FROM postings p
    WHERE ($roles::VARCHAR[] IS NULL OR list_contains($roles::VARCHAR[], p.role))
      AND ($industries::VARCHAR[] IS NULL OR list_contains($industries::VARCHAR[], p.naics_sector))
), asks AS (
    SELECT t.posting_id, t.topic_id, t.score, t.evidence
    FROM posting_topics t SEMI JOIN scope s ON s.posting_id = t.posting_id
    WHERE t.model_id = $model_id AND t.is_positive
), credited AS (
    -- postings that count for c.requires without asking for it, each credited to one requiring topic
    SELECT c.requires AS topic_id, a.topic_id AS via_topic, a.posting_id, c.path, a.evidence
    FROM asks a JOIN closure c ON c.topic = a.topic_id
    ANTI JOIN asks explicit ON explicit.posting_id = a.posting_id AND explicit.topic_id = c.requires
    QUALIFY row_number() OVER (PARTITION BY a.posting_id, c.requires
                               ORDER BY len(c.path), a.score DESC, a.topic_id, c.path) = 1
), counted AS (
    SELECT *, count(*) OVER (PARTITION BY topic_id, via_topic) AS n_postings,
           row_number() OVER (PARTITION BY topic_id, via_topic ORDER BY hash(posting_id), posting_id) AS example
    FROM credited
)
SELECT c.topic_id, c.via_topic, c.n_postings, c.example, c.posting_id, s.title, s.role,
       array_to_string(c.path, ' -> ') AS path, c.evidence
FROM counted c JOIN scope s USING (posting_id)
WHERE c.example <= $per_path
ORDER BY c.topic_id, c.n_postings DESC, c.via_topic, c.example
