-- Returns, for a store written before schema 5, the stored postings the new content key (posting_content_id) merges: each pair of (file, row, title) with the posting it joins, and whether their old text_key descriptions differ (they always do: the old key kept them apart).
WITH keyed AS (
    SELECT p.file_id, s.file_name, p.source_row, p.title, p.description,
           posting_content_id(p.title, p.company, p.location_raw, p.description) AS new_id,
           row_number() OVER (PARTITION BY posting_content_id(p.title, p.company, p.location_raw, p.description)
                              ORDER BY p.file_id, p.source_row) AS rank
    FROM stored_postings p JOIN sources s USING (file_id)
)
SELECT merged.file_name, merged.source_row, merged.title, kept.file_name AS joins_file, kept.source_row AS joins_row,
       text_key(merged.description) IS DISTINCT FROM text_key(kept.description) AS descriptions_differ
FROM keyed merged JOIN keyed kept ON kept.new_id = merged.new_id AND kept.rank = 1
WHERE merged.rank > 1
ORDER BY ALL
