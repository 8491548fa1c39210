-- Creates coded_titles(title_key, soc_code, onet_soc_code, onet_title, soc_method, soc_confidence) from the title coder's output registered as coder_output (careerlens.titlecoder; soc_code is empty below the confidence threshold, onet_title then the best guess).
CREATE OR REPLACE TEMP TABLE coded_titles AS
SELECT title_key::VARCHAR AS title_key, soc_code::VARCHAR AS soc_code, onet_soc_code::VARCHAR AS onet_soc_code,
       onet_title::VARCHAR AS onet_title, soc_method::VARCHAR AS soc_method, soc_confidence::DOUBLE AS soc_confidence
FROM coder_output;
