-- Returns a deterministic sample (1 in $every, by hash with $seed) of sentences of classify_texts that hold no seed or exclusion phrase (as written, verb first or in a coordination): the background a topic is learned against.
SELECT posting_id, sentence_no, n_sentences, sentence,
       regexp_extract_all(lower(sentence), $token) AS tokens
FROM classify_sentences($glued, $unglued, $boundary)
WHERE length(sentence) >= 20
  AND hash(sentence || $seed::VARCHAR) % $every = 0
  AND NOT regexp_matches(sentence, $trigger)
  -- no phrase said verb first or in a coordination either: $rephrased_filter (cheap, a superset) keeps the
  -- sentences where the exact patterns must look
  AND (NOT regexp_matches(sentence, $rephrased_filter)
       OR NOT (regexp_matches(sentence, $turned) OR regexp_matches(sentence, $coordinated)))
