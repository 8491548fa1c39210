-- Makes strict_csv (macros.sql) read with one sequential reader, for a second attempt at a file the parallel reader failed on.
SET VARIABLE strict_csv_parallel = false;
