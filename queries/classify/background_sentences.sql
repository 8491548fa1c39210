-- Returns a deterministic sample (1 in $every, by hash with $seed) of sentences of classify_texts that hold no seed or exclusion phrase: the background a topic is learned against.
WITH texts AS (
    SELECT posting_id,
           regexp_replace(coalesce(title, '') || chr(10) || coalesce(description, ''), $glued, $unglued, 'g') AS body
    FROM classify_texts
), pieces AS (
    SELECT posting_id, string_split_regex(body, $boundary) AS parts FROM texts
), sentences AS (
    SELECT posting_id, unnest(parts) AS sentence, generate_subscripts(parts, 1) AS sentence_no,
           len(parts) AS n_sentences
    FROM pieces
)
SELECT posting_id, sentence_no::INTEGER AS sentence_no, n_sentences::INTEGER AS n_sentences, sentence,
       regexp_extract_all(lower(sentence), $token) AS tokens
FROM sentences
WHERE length(sentence) >= 20
  AND hash(sentence || $seed::VARCHAR) % $every = 0
  AND NOT regexp_matches(sentence, $trigger)
