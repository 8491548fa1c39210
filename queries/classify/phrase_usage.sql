-- Returns each phrase of $pattern as found in the sentences of classify_texts (lower-cased), with the postings that use it and the shortest sentence that does.
WITH found AS (
    SELECT posting_id, sentence, unnest(regexp_extract_all(sentence, $pattern)) AS hit
    FROM classify_sentences($glued, $unglued, $boundary)
    WHERE regexp_matches(sentence, $pattern)
)
SELECT lower(hit) AS hit, list(DISTINCT posting_id ORDER BY posting_id) AS postings,
       arg_min(sentence, length(sentence)) AS example
FROM found
GROUP BY lower(hit)
ORDER BY hit
