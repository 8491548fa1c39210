-- Returns rows_read, rows_loaded, rows_rejected and identical_records for the survey file just inserted.
SELECT
    (SELECT count(*) FROM checked_salary_records) AS rows_read,
    (SELECT count(*) FROM stored_salary_records WHERE file_id = $file_id) AS rows_loaded,
    (SELECT count(*) FROM checked_salary_records WHERE coalesce(rejected, false)) AS rows_rejected,
    (SELECT count(*) FROM checked_salary_records WHERE repeats_earlier_row) AS identical_records
