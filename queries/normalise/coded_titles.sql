-- Creates coded_titles(title_key, soc_code, onet_soc_code, onet_title, soc_method, soc_confidence): the title coder's output (careerlens.titlecoder; soc_code is empty below the confidence threshold, onet_title then the best guess) for each title of titles_to_code, as coded_title_cache keeps it for the coder $coder.
CREATE OR REPLACE TEMP TABLE coded_titles AS
SELECT c.title_key, c.soc_code, c.onet_soc_code, c.onet_title, c.soc_method, c.soc_confidence
FROM coded_title_cache c
WHERE c.coder = $coder AND c.title_key IN (SELECT title_key FROM titles_to_code);
