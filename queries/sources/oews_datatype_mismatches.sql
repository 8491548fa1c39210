-- Returns the stored datatype codes whose name in oe.datatype is not the one careerlens expects (datatype, expected, found).
SELECT m.datatype, m.bls_name AS expected, n.name AS found
FROM oews_measures m
JOIN oews_names n ON n.dimension = 'datatype' AND n.code = m.datatype
WHERE lower(n.name) <> lower(m.bls_name)
ORDER BY m.datatype
