-- Returns the sentences of classify_texts that hold a seed or exclusion phrase ($trigger), or one said verb first ($turned: "validate data" for "data validation"), with their position, the phrases found (hits) and their word tokens.
SELECT posting_id, sentence_no, n_sentences, sentence,
       list_concat(regexp_extract_all(sentence, $trigger), regexp_extract_all(sentence, $turned)) AS hits,
       regexp_extract_all(lower(sentence), $token) AS tokens
FROM classify_sentences($glued, $unglued, $boundary)
WHERE regexp_matches(sentence, $trigger) OR regexp_matches(sentence, $turned)
