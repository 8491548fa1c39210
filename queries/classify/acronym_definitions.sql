-- Returns every "long form (ACRONYM)" the training sample's descriptions write ("Master Data Management (MDM)"):
-- up to eight words, then one to seven letters in brackets that open with a capital. careerlens.classify.acronyms
-- keeps those whose initials spell the acronym. Only descriptions with a capital after a bracket are scanned.
SELECT unnest(regexp_extract_all(description, $definition)) AS definition
FROM classify_texts
WHERE description LIKE '%(%' AND regexp_matches(description, '\(\s*[A-Z]')
