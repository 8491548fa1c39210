-- Keeps the coder's output for newly coded titles (coder_output_new, registered by careerlens.normalise) in coded_title_cache under the coder's fingerprint $coder.
INSERT INTO coded_title_cache
SELECT $coder, title_key::VARCHAR, soc_code::VARCHAR, onet_soc_code::VARCHAR, onet_title::VARCHAR, soc_method::VARCHAR,
       soc_confidence::DOUBLE
FROM coder_output_new;
