-- Creates the view staged_texts over staged_postings: where postings/insert.sql reads the staged text from when the file (or slice) was staged in the load's own transaction.
CREATE OR REPLACE TEMP VIEW staged_texts AS SELECT * FROM staged_postings;
