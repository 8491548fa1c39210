-- Writes one JSON line per input text to $path, in input order: {"id", "topics" (positive ids), "scores" (every topic), "evidence" (per positive topic)}.
COPY (
    WITH grid AS (
        SELECT i.line_no, i.id, t.topic_id, t.topic_no, coalesce(s.score, 0.0) AS score,
               coalesce(s.is_positive, false) AS is_positive, s.evidence
        FROM classify_input i
        CROSS JOIN (SELECT unnest($topic_ids::VARCHAR[]) AS topic_id,
                           generate_subscripts($topic_ids::VARCHAR[], 1) AS topic_no) t
        LEFT JOIN text_topic_scores s ON s.posting_id = i.line_no::VARCHAR AND s.topic_id = t.topic_id
    )
    SELECT any_value(id) AS id,
           coalesce(list(topic_id ORDER BY topic_no) FILTER (WHERE is_positive), []::VARCHAR[]) AS topics,
           map_from_entries(list({'k': topic_id, 'v': round(score, 4)} ORDER BY topic_no)) AS scores,
           map_from_entries(coalesce(list({'k': topic_id, 'v': evidence} ORDER BY topic_no) FILTER (WHERE is_positive), [])) AS evidence
    FROM grid
    GROUP BY line_no
    ORDER BY line_no
) TO $path (FORMAT json)
