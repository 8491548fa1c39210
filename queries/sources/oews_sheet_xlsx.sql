-- Copies an OEWS "all data" spreadsheet, registered from Python as the Arrow table oews_sheet_arrow (every column text,
-- source_row 1 = the first row under the header), into temp table oews_sheet_raw.

CREATE OR REPLACE TEMP TABLE oews_sheet_raw AS
SELECT * FROM oews_sheet_arrow;
