-- Lets strict_csv (macros.sql) read in parallel again, as it does by default.
RESET VARIABLE strict_csv_parallel;
