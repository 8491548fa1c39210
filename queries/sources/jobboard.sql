-- Stages a job-board snapshot as staged_postings, from board_records (its postings read in Python by careerlens.sources.boardrecords and registered for this load).

CREATE OR REPLACE TEMP TABLE staged_postings AS
SELECT source_row, source_key, title, description, company, industry_raw, sector_raw, location_raw,
       NULL::VARCHAR AS seniority_raw,
       employment_type,
       NULL::VARCHAR[] AS skills,
       remote_raw, posted_date, salary_text, salary_min, salary_max, salary_period, salary_currency, salary_kind,
       problems
FROM board_records;
