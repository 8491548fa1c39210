-- Returns the folder DuckDB spills to past its memory limit (temp_directory; '' when spilling is off).
SELECT current_setting('temp_directory') AS temp_directory
