-- Returns the word tokens of every sentence of classify_texts (the training sample), one list per sentence: what the term space learns from.
SELECT regexp_extract_all(lower(sentence), $token) AS tokens
FROM classify_sentences($glued, $unglued, $boundary)
WHERE length(sentence) >= 3
