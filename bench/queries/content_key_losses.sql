-- Returns the number of stored postings (and of their rows in posting_occurrences) whose text holds U+0130 or U+212A: the only characters the old key read as ASCII letters ('i', 'k') and the new one drops, so the only postings whose duplicates the old key could catch and the new one miss.
SELECT count(*) AS postings,
       (SELECT count(*) FROM posting_occurrences o WHERE o.posting_id IN (SELECT posting_id FROM stored_postings p
            WHERE regexp_matches(concat_ws(' ', p.title, p.company, p.location_raw, p.description), '[\x{130}\x{212a}]'))) AS rows
FROM stored_postings
WHERE regexp_matches(concat_ws(' ', title, company, location_raw, description), '[\x{130}\x{212a}]')
