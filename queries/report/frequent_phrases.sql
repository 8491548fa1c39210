-- Returns two-word phrases by the number of postings in $roles / $industries whose description uses them (at most $max_postings postings, a fixed sample by posting_id), leaving out phrases with a word in $stopwords and any two words a seed phrase ($seeds) joins or separates, with the number of postings read (n_scope).
WITH sample AS (   -- choose the postings first, so only the sample's descriptions are split into words
    SELECT posting_id
    FROM postings
    WHERE description IS NOT NULL
      AND ($roles::VARCHAR[] IS NULL OR list_contains($roles::VARCHAR[], role))
      AND ($industries::VARCHAR[] IS NULL OR list_contains($industries::VARCHAR[], naics_sector))
    ORDER BY hash(posting_id)
    LIMIT $max_postings
), docs AS (
    -- A seed phrase becomes the number 0, a word no phrase keeps: none is made of its words or spans it.
    SELECT posting_id, regexp_split_to_array(regexp_replace(lower(description), $seeds, ' 0 ', 'g'), '[^a-z0-9+#]+')
                       AS tokens
    FROM stored_postings SEMI JOIN sample USING (posting_id)
), words AS (
    SELECT posting_id, unnest(tokens) AS word, generate_subscripts(tokens, 1) AS pos FROM docs
), kept AS (
    SELECT * FROM words
    WHERE length(word) > 1 AND NOT regexp_full_match(word, '[0-9]+')
      AND word NOT IN (SELECT unnest($stopwords::VARCHAR[]))
)
SELECT a.word || ' ' || b.word AS phrase, count(DISTINCT a.posting_id) AS n_postings,
       (SELECT count(*) FROM docs) AS n_scope
FROM kept a JOIN kept b ON b.posting_id = a.posting_id AND b.pos = a.pos + 1
GROUP BY phrase
ORDER BY n_postings DESC, phrase
LIMIT 2000
