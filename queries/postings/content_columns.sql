-- Returns source_row, title, company, location_raw and description of every staged posting: what its content key (posting_id) is made of.
SELECT source_row, title, company, location_raw, description FROM staged_postings
