-- Returns the O*NET Knowledge ratings bundled with careerlens: every rating (importance IM, level LV) of the O*NET-SOC occupations under the SOC codes $soc_codes, with the occupation's title, in the column order of data/onet/onet_knowledge_curriculum.csv.
SELECT k.release, k.onet_soc_code, k.soc_code, o.title, k.element_id, k.element_name, k.scale_id, k.data_value,
       k.n, k.recommend_suppress, k.not_relevant
FROM onet_knowledge k
LEFT JOIN (SELECT DISTINCT onet_soc_code, title FROM onet_occupations) o USING (onet_soc_code)
WHERE list_contains($soc_codes::VARCHAR[], k.soc_code)
ORDER BY k.onet_soc_code, k.element_id, k.scale_id
