-- Returns the sentences of classify_texts that hold a seed or exclusion phrase ($trigger), or one said verb first ($turned: "validate data" for "data validation") or in a coordination ($coordinated: "data reliability and quality" for "data quality"), with their position, the phrases found (hits) and their word tokens.
-- Phrases and tokens are found once per distinct sentence: postings repeat their employers' boilerplate, and the
-- patterns are most of the cost (a tenth to a quarter less time where sentences repeat; none lost where they do not).
WITH split AS MATERIALIZED (
    SELECT * FROM classify_sentences($glued, $unglued, $boundary)
), matched AS MATERIALIZED (
    -- Materialized, so that the filter on hits below does not run the patterns a second time.
    SELECT sentence,
           flatten([regexp_extract_all(sentence, $trigger), regexp_extract_all(sentence, $turned),
                    regexp_extract_all(sentence, $coordinated)]) AS hits
    FROM (SELECT DISTINCT sentence FROM split)
    -- $rephrased_filter: a superset of $turned and $coordinated that is cheap to scan every sentence with
    WHERE regexp_matches(sentence, $trigger) OR regexp_matches(sentence, $rephrased_filter)
), found AS (
    SELECT sentence, hits, regexp_extract_all(lower(sentence), $token) AS tokens
    FROM matched
    WHERE len(hits) > 0
)
SELECT posting_id, sentence_no, n_sentences, sentence, hits, tokens
FROM split JOIN found USING (sentence)
