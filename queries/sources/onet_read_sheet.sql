-- Copies an O*NET Excel table, registered from Python as the Arrow table onet_sheet_arrow (every column text, columns
-- renamed as the queries expect them, source_row 1 = the first row under the header), into temp table onet_raw.

CREATE OR REPLACE TEMP TABLE onet_raw AS
SELECT * FROM onet_sheet_arrow;
