-- Returns the sentences of classify_texts that hold a seed or exclusion phrase ($trigger), with their position, the phrases found (hits) and their word tokens.
-- Words and sentences glued by scraping ("preferredMachine learning", "RESPONSIBILITIESMaintain", "ours.We") are split first ($glued -> $unglued), as the phrases were (classify.split_camel_case), so that whole-word matching works.
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
       regexp_extract_all(sentence, $trigger) AS hits,
       regexp_extract_all(lower(sentence), $token) AS tokens
FROM sentences
WHERE regexp_matches(sentence, $trigger)
