-- Makes strict_csv (macros.sql) read the pieces of a file (careerlens.sources.pieces) each with one reader, leaving out the marker records that end them.
SET VARIABLE strict_csv_parallel = false;
SET VARIABLE csv_piece_marker = $marker;
