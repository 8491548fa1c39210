-- Returns the O*NET titles the title coder codes by (onet_title_index: release, onet_soc_code, soc_code, title, title_kind, title_key, phrase: NULL where not bundled), in a fixed order.
SELECT release, onet_soc_code, soc_code, title, title_kind, title_key, phrase FROM onet_title_index
ORDER BY onet_soc_code, title_kind, title
