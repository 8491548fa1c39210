-- Creates titles_to_map(title_key, seniority_key) with the distinct title keys of the column "Job Title" of the Parquet corpus $path (bench_title_coder.py).
CREATE OR REPLACE TEMP TABLE titles_to_map AS
SELECT DISTINCT text_key("Job Title") AS title_key, NULL::VARCHAR AS seniority_key FROM read_parquet($path)
