-- Returns titles with no SOC code (the title coder's confidence fell below its threshold, or nothing matched), with the coder's best guess (O*NET title and confidence) and how many postings and survey records carry each.
SELECT title, onet_title AS best_guess, soc_confidence AS guess_confidence, count(*) AS n
FROM (SELECT title, onet_title, soc_confidence FROM postings WHERE soc_code IS NULL AND title IS NOT NULL
      UNION ALL
      SELECT job_title, NULL, NULL FROM salary_records WHERE soc_code IS NULL AND job_title IS NOT NULL)
GROUP BY ALL ORDER BY n DESC, title
