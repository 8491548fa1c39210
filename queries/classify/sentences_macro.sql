-- Creates the temp table macro classify_sentences(glued, unglued, boundary): every sentence of classify_texts with its position.
-- Words and sentences glued by scraping ("preferredMachine learning", "ours.We") are split first (glued -> unglued),
-- as the phrases were (classify.split_camel_case), so that whole-word matching works.
CREATE OR REPLACE TEMP MACRO classify_sentences(glued, unglued, boundary) AS TABLE
WITH texts AS (
    SELECT posting_id,
           regexp_replace(coalesce(title, '') || chr(10) || coalesce(description, ''), glued, unglued, 'g') AS body
    FROM classify_texts
), pieces AS (
    SELECT posting_id, string_split_regex(body, boundary) AS parts FROM texts
), sentences AS (
    SELECT posting_id, unnest(parts) AS sentence, generate_subscripts(parts, 1) AS sentence_no,
           len(parts) AS n_sentences
    FROM pieces
)
SELECT posting_id, sentence_no::INTEGER AS sentence_no, n_sentences::INTEGER AS n_sentences, sentence
FROM sentences
