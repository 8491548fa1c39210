-- Creates mapped_titles (see normalise/titles.sql) with no title in it: what postings/insert.sql joins while the title
-- coder is still coding the file's titles (careerlens.normalise); postings/apply_titles.sql sets them after.
CREATE OR REPLACE TEMP TABLE mapped_titles (
    title_key VARCHAR, seniority_key VARCHAR, role VARCHAR, soc_code VARCHAR, role_method VARCHAR,
    soc_method VARCHAR, soc_confidence DOUBLE, onet_title VARCHAR, seniority VARCHAR
);
