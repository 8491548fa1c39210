-- Returns the titles of titles_to_code (title_key, in order) that the coder $coder has not coded in an earlier load of this store.
SELECT t.title_key FROM titles_to_code t
WHERE t.title_key NOT IN (SELECT title_key FROM coded_title_cache WHERE coder = $coder)
ORDER BY t.title_key
