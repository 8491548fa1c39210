-- Returns synthetic postings $first .. $last - 1 in the Glassdoor layout: each takes a real posting as its template (group and sentence count), draws every sentence from the same group and third of real postings, and its title and salary, company and place from two other real postings of the group.
-- Every draw is hash($seed, $attempt, posting number, what), so a corpus is the same for the same seed; a posting whose
-- content repeats an earlier one is drawn again with the next $attempt. content_key is ingest's duplicate key, near enough.
WITH numbered AS (
    SELECT i, hash($seed, $attempt, i, 'template') % $n_templates AS template_row
    FROM (SELECT unnest($numbers::BIGINT[]) AS i)
), chosen AS (
    SELECT n.i, t.grp, t.n_sentences, g.size AS group_size
    FROM numbered n
    JOIN (SELECT row_number() OVER (ORDER BY real_id) - 1 AS template_row, * FROM templates) t USING (template_row)
    JOIN groups g USING (grp)
), slots AS (
    SELECT i, grp, k, (3 * k) // n_sentences AS bucket
    FROM (SELECT i, grp, n_sentences, unnest(range(n_sentences)) AS k FROM chosen)
), drawn AS (
    SELECT s.i, s.k, p.first_id + hash($seed, $attempt, s.i, s.k) % p.size AS sentence_id
    FROM slots s JOIN pools p USING (grp, bucket)
), described AS (
    SELECT d.i, rtrim(string_agg(r.text, '' ORDER BY d.k)) AS description
    FROM drawn d JOIN real_sentences r USING (sentence_id)
    GROUP BY d.i
)
SELECT c.i + 1 AS "index",
       job.title AS "Job Title",
       job.salary_estimate AS "Salary Estimate",
       d.description AS "Job Description",
       firm.company AS "Company Name",
       firm.location_raw AS "Location",
       coalesce(firm.industry_raw, '-1') AS "Industry",
       coalesce(firm.sector_raw, '-1') AS "Sector",
       md5(regexp_replace(lower(concat_ws(chr(31), job.title, firm.company, firm.location_raw, d.description)),
                          '[^a-z0-9+#]+', ' ', 'g')) AS content_key
FROM chosen c
JOIN described d USING (i)
JOIN group_members jm ON jm.grp = c.grp AND jm.member = hash($seed, $attempt, c.i, 'title') % c.group_size
JOIN real_postings job ON job.real_id = jm.real_id
JOIN group_members fm ON fm.grp = c.grp AND fm.member = hash($seed, $attempt, c.i, 'company') % c.group_size
JOIN real_postings firm ON firm.real_id = fm.real_id
ORDER BY c.i;
