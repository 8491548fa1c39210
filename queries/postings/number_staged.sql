-- Numbers the staged postings in file order where the staging query left source_row NULL (source_row $first_row + 1 = the first record staged: $first_row is 0, or the records before this slice of a sliced load); fails rather than number them wrongly.
-- A staging query that only projects the records it reads (strict_csv_unnumbered, a generic file's generic_raw)
-- creates staged_postings in file order: DuckDB keeps insertion order (preserve_insertion_order, on by default)
-- through parallel reads and projections, and a fresh table's rowids follow it, contiguous (inside a transaction
-- they start at a large offset, hence the minimum). Numbering while reading, with row_number() OVER (), would run
-- the read and everything above it on one thread. tests/test_ingest_numbering.py checks the numbers against the
-- records' positions; bench/README.md (issue 20 part 5) on the 100k corpus.
UPDATE staged_postings SET source_row = rowid - numbering.first_rowid + 1 + $first_row
FROM (SELECT min(rowid) AS first_rowid
      FROM staged_postings
      HAVING CASE WHEN NOT current_setting('preserve_insertion_order')
                  THEN error('internal error: preserve_insertion_order is off, '
                             || 'so the staged postings may not be in file order')
                  WHEN max(rowid) - min(rowid) + 1 <> count(*)
                  THEN error('internal error: the staged postings'' rowids are not contiguous')
                  ELSE true END) numbering
WHERE staged_postings.source_row IS NULL;
