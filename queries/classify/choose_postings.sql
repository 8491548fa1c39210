-- Creates the temp table chosen_postings from the registered Arrow table chosen_postings_arrow (posting_id).
CREATE OR REPLACE TEMP TABLE chosen_postings AS SELECT DISTINCT posting_id FROM chosen_postings_arrow
