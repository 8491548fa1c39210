-- Creates postings_tallies, where each slice of a postings file adds its rows read, rejected and ready to store (postings/tally_slice.sql; postings/counts.sql sums them).
CREATE OR REPLACE TEMP TABLE postings_tallies (rows_read BIGINT, rows_rejected BIGINT, rows_ready BIGINT);
