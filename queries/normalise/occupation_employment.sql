-- Returns the US employment of each detailed SOC occupation (soc_code, employment) from the bundled OEWS file $employment_csv: the title coder's tie-break between occupations O*NET files a title under.
SELECT soc_code, CAST(employment AS DOUBLE) AS employment
FROM read_csv($employment_csv, header = true, all_varchar = true)
