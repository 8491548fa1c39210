-- Returns the O*NET titles bundled with careerlens: every occupation, alternate and reported title of the store's one O*NET release (release, onet_soc_code, soc_code, title, title_kind), in the row order of data/onet/onet_titles.csv.gz (scripts/build_bundled_onet_titles.py adds each title's occupation phrase).
SELECT release, onet_soc_code, soc_code, title, title_kind
FROM onet_titles
ORDER BY onet_soc_code, CASE title_kind WHEN 'occupation' THEN 0 WHEN 'reported' THEN 1 ELSE 2 END, title
