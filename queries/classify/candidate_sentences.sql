-- Returns the sentences of classify_texts that hold a seed or exclusion phrase ($trigger), with their position, the phrases found (hits) and their word tokens.
SELECT posting_id, sentence_no, n_sentences, sentence,
       regexp_extract_all(sentence, $trigger) AS hits,
       regexp_extract_all(lower(sentence), $token) AS tokens
FROM classify_sentences($glued, $unglued, $boundary)
WHERE regexp_matches(sentence, $trigger)
