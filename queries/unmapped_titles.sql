-- Returns titles whose role is 'other' (no pattern matched), with their SOC code from O*NET if any and how many postings and survey records carry each.
SELECT title, soc_code, role_method, count(*) AS n
FROM (SELECT title, soc_code, role_method FROM postings WHERE role = 'other'
      UNION ALL
      SELECT job_title, soc_code, NULL FROM salary_records WHERE role = 'other')
GROUP BY ALL ORDER BY n DESC, title
