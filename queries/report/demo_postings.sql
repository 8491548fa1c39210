-- Returns how many postings come from the synthetic demonstration corpus (n).
SELECT count(*) AS n FROM postings WHERE source = 'demo'
