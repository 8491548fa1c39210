-- Returns one row describing what is loaded: files, postings (all, demonstration, with salary, dated, labelled by $model_id), salary records, OEWS rows and releases, and the posting date range.
SELECT
    (SELECT count(*) FROM sources) AS files,
    (SELECT count(*) FROM postings) AS postings,
    (SELECT count(*) FROM postings WHERE source = 'demo') AS postings_demo,
    (SELECT count(*) FROM postings WHERE salary_mid_usd IS NOT NULL AND salary_flag IS NULL) AS postings_with_salary,
    (SELECT count(*) FROM postings WHERE posted_date IS NOT NULL) AS postings_dated,
    (SELECT count(DISTINCT posting_id) FROM posting_topics WHERE model_id = $model_id) AS postings_labelled,
    (SELECT count(*) FROM salary_records) AS salary_records,
    (SELECT count(*) FROM oews_wages) AS oews_rows,
    (SELECT string_agg(DISTINCT release, ', ' ORDER BY release) FROM oews_wages) AS oews_releases,
    (SELECT min(posted_date) FROM postings) AS first_posted,
    (SELECT max(posted_date) FROM postings) AS last_posted
