-- Lets strict_csv (macros.sql) read in parallel again, as it does by default, and read whole files (no piece markers).
RESET VARIABLE strict_csv_parallel;
RESET VARIABLE csv_piece_marker;
