-- Returns the sentences of classify_texts that hold a seed or exclusion phrase ($trigger), or one said verb first ($turned: "validate data" for "data validation"), with their position, the phrases found (hits) and their word tokens.
-- Phrases and tokens are found once per distinct sentence: postings repeat their employers' boilerplate, and the
-- patterns are most of the cost (a tenth to a quarter less time where sentences repeat; none lost where they do not).
WITH split AS MATERIALIZED (
    SELECT * FROM classify_sentences($glued, $unglued, $boundary)
), found AS (
    SELECT sentence,
           list_concat(regexp_extract_all(sentence, $trigger), regexp_extract_all(sentence, $turned)) AS hits,
           regexp_extract_all(lower(sentence), $token) AS tokens
    FROM (SELECT DISTINCT sentence FROM split)
    WHERE regexp_matches(sentence, $trigger) OR regexp_matches(sentence, $turned)
)
SELECT posting_id, sentence_no, n_sentences, sentence, hits, tokens
FROM split JOIN found USING (sentence)
