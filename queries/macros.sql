-- Creates the SQL macros the staging and normalisation queries share (text cleaning, money and salary-string parsing).

-- A delimited file read strictly (named dialect and columns, strict mode: a truncated or ragged file fails), its
-- records in file order. The loaders bind the arguments from careerlens.sources.readers.csv_params:
-- strict_csv_unnumbered($path, $delim, $quote, $columns).
-- The read is parallel unless the variable strict_csv_parallel is false: DuckDB's parallel reader can take a
-- line inside a quoted field for the start of a record and fail on a sound file, so careerlens.ingest
-- retries a file that failed to read with one sequential reader before calling it broken.
-- A staging query that only projects the records (no filter, join or unnest) reads them unnumbered and leaves
-- source_row NULL: postings/number_staged.sql numbers the staged rows by position afterwards, since numbering here
-- (row_number() OVER ()) would hold the read and everything above it to one thread.
CREATE OR REPLACE MACRO strict_csv_unnumbered(csv_path, csv_delim, csv_quote, csv_columns) AS TABLE
    SELECT *
    FROM read_csv(csv_path, header = true, auto_detect = false, delim = csv_delim, quote = csv_quote,
                  escape = csv_quote, strict_mode = true, columns = csv_columns,
                  parallel = coalesce(getvariable('strict_csv_parallel'), true));

-- The same records, numbered: source_row 1 is the first record after the header (one thread; for companion files
-- and the staging queries that join or filter before their rows are staged).
CREATE OR REPLACE MACRO strict_csv(csv_path, csv_delim, csv_quote, csv_columns) AS TABLE
    SELECT row_number() OVER () AS source_row, *
    FROM strict_csv_unnumbered(csv_path, csv_delim, csv_quote, csv_columns);

-- Publisher placeholders for "missing": '-1', '', 'N/A' and friends become NULL; other text is trimmed.
-- trim() removes spaces (' ' and the Unicode space separators, never a line break or another ASCII character)
-- but reads the whole string, while ltrim() stops at the first other character: so text that ends with an
-- ASCII character other than ' ' (most descriptions end with '.' or a line break) needs at most ltrim(), and
-- none if it also starts with one. The one-element list binds the trimmed text once (written out, the IN list
-- and the CASE trimmed a long description a dozen times).
CREATE OR REPLACE MACRO clean_text(x) AS
    list_transform([CASE WHEN NOT regexp_matches(x, '[^ \x{80}-\x{10FFFF}]$') THEN trim(x)
                         WHEN regexp_matches(x, '^[^ \x{80}-\x{10FFFF}]') THEN x
                         ELSE ltrim(x) END],
        lambda t: CASE WHEN t IN ('', '-1', '-1.0', 'N/A', 'n/a', 'NA', 'null', 'NULL', 'None', 'nan', 'NaN')
                       THEN NULL ELSE t END)[1];

-- A lookup key: lower case, each run of characters other than a-z, 0-9, '+' and '#' becomes one space, no
-- space at either end. For speed on long texts (same result as trim(regexp_replace(.., '[^a-z0-9+#]+', ' ', 'g'))):
-- the regex leaves alone the runs that are already a single space (RE2 pays per replacement), and the ends,
-- which can only be one space each, go with anchored replaces (trim() would read the whole text).
CREATE OR REPLACE MACRO text_key(x) AS
    nullif(regexp_replace(regexp_replace(
        regexp_replace(lower(coalesce(x, '')), '[^a-z0-9+#]{2,}|[^a-z0-9+# ]', ' ', 'g'), '^ ', ''), ' $', ''), '');

-- The content key of one field (careerlens.contentkey.key_text): its ASCII letters lower-cased, digits, '+' and '#',
-- everything else dropped. 'Senior C++ Engineer, NYC' -> 'seniorc++engineernyc'; NULL -> ''.
CREATE OR REPLACE MACRO content_key_text(x) AS
    lower(regexp_replace(coalesce(x, ''), '[^A-Za-z0-9+#]+', '', 'g'));

-- A posting's posting_id: md5 of the four content keys joined by chr(31). The SQL twin of
-- careerlens.contentkey.posting_ids, which ingest uses (many times faster); schema/migrate_5.sql uses this one.
CREATE OR REPLACE MACRO posting_content_id(title, company, location_raw, description) AS
    md5(concat_ws(chr(31), content_key_text(title), content_key_text(company), content_key_text(location_raw),
                  content_key_text(description)));

-- Every Unicode space as ' ': tab, vertical tab, no-break space, the U+2000 block, ideographic space... (what
-- Python's str.isspace() calls a space). The salary macros read text through it, because RE2's \s is only
-- [\t\n\f\r ]: '\v-$1' or a no-break space before the minus sign would otherwise hide the sign.
CREATE OR REPLACE MACRO plain_spaces(x) AS regexp_replace(x, '[\v\x{1c}-\x{1f}\x{85}\pZ]', ' ', 'g');

-- '$37K' -> 37000, '$1.2M' -> 1200000, '95,000' -> 95000, '17.50' -> 17.5; NULL when not a number.
CREATE OR REPLACE MACRO parse_money(x) AS
    TRY_CAST(regexp_replace(regexp_extract(x, '([0-9][0-9,]*(\.[0-9]+)?)', 1), ',', '', 'g') AS DOUBLE)
    * CASE WHEN regexp_matches(plain_spaces(x), '[0-9]\s*[kK]\b') THEN 1000
           WHEN regexp_matches(plain_spaces(x), '[0-9]\s*[mM]\b') THEN 1000000 ELSE 1 END;

-- The money amounts in a salary string, in order: '$37K-$66K (Glassdoor est.)' -> [37000, 66000],
-- '£25,000 - £30,000 a year' -> [25000, 30000], 'Employer Provided Salary:$150K-$160K' -> [150000, 160000].
CREATE OR REPLACE MACRO salary_amounts(x) AS
    list_transform(regexp_extract_all(plain_spaces(x), '[0-9][0-9,]*(?:\.[0-9]+)?\s*[kKmM]?\b'),
                   lambda t: parse_money(t));

-- Salary strings as Glassdoor writes them ('$37K-$66K (Glassdoor est.)', '$17-$24 Per Hour(Glassdoor est.)',
-- 'Employer Provided Salary:$150K-$160K', '$79K-$131K(Employer est.)', '-1'), and the like ('$20 an hour').
-- A minus sign on the first amount ('-$50K-$60K', 'Pay: -50000', '-USD 1') makes it negative, so that the shared
-- checks refuse it instead of reading it as $50K. A '-' between two amounts is a range, and a spaced dash after
-- a label ('Salary - $50K') is punctuation: neither is a sign.
CREATE OR REPLACE MACRO salary_sign(x) AS
    CASE WHEN regexp_matches(plain_spaces(x), '^([^0-9]*[\s:(])?[-\x{2212}]((usd|us\$|[$£€])\s*)?[0-9]', 'i')
         THEN -1 ELSE 1 END;
-- The first two amounts are the range, in either order ('$66K-$37K' is 37000..66000); one amount is both ends.
CREATE OR REPLACE MACRO salary_bounds(x) AS
    list_transform(salary_amounts(x)[1:2],
                   lambda amount, i: CASE WHEN i = 1 THEN amount * salary_sign(x) ELSE amount END);
CREATE OR REPLACE MACRO glassdoor_salary_min(x) AS list_min(salary_bounds(x));
CREATE OR REPLACE MACRO glassdoor_salary_max(x) AS list_max(salary_bounds(x));
CREATE OR REPLACE MACRO glassdoor_salary_period(x) AS
    CASE WHEN x IS NULL THEN NULL
         WHEN regexp_matches(lower(plain_spaces(x)), 'per\s*hour|an\s*hour|hourly|/\s*h(ou)?r\b|per\s*hr\b') THEN 'hour'
         WHEN regexp_matches(lower(plain_spaces(x)), 'per\s*day|a\s*day|daily|/\s*day') THEN 'day'
         WHEN regexp_matches(lower(plain_spaces(x)), 'per\s*week|a\s*week|weekly|/\s*w(ee)?k\b') THEN 'week'
         WHEN regexp_matches(lower(plain_spaces(x)), 'per\s*month|a\s*month|monthly|/\s*mo(nth)?\b') THEN 'month'
         ELSE 'year' END;
CREATE OR REPLACE MACRO glassdoor_salary_kind(x) AS
    CASE WHEN x IS NULL THEN NULL
         WHEN regexp_matches(lower(x), 'employer') THEN 'employer'
         ELSE 'estimate' END;
