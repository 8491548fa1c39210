-- Drops generic_raw (the generic file's raw columns, or none of its rows when it was staged in slices) once the file is loaded.
DROP TABLE generic_raw;
