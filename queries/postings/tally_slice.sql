-- Adds the rows of the slice just inserted (checked_postings, ready_postings) to postings_tallies.
INSERT INTO postings_tallies
SELECT (SELECT count(*) FROM checked_postings),
       (SELECT count(*) FROM checked_postings WHERE coalesce(rejected, false)),
       (SELECT count(*) FROM ready_postings);
