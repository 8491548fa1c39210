"""text_key and clean_text keep their plain meaning on real text.

Both macros are written for speed on long descriptions (see queries/macros.sql);
these tests hold them to the plain definitions, on examples and on every value
of real files.
"""

import pytest

from careerlens import normalise
from tests.conftest import shared_file

PLAIN_TEXT_KEY = "nullif(trim(regexp_replace(lower(coalesce({x}, '')), '[^a-z0-9+#]+', ' ', 'g')), '')"
PLAIN_CLEAN_TEXT = ("CASE WHEN {x} IS NULL OR trim({x}) IN ('', '-1', '-1.0', 'N/A', 'n/a', 'NA', 'null', 'NULL', "
                    "'None', 'nan', 'NaN') THEN NULL ELSE trim({x}) END")


@pytest.mark.parametrize("value, key", [
    ("Sr. Data  Scientist, ML/AI", "sr data scientist ml ai"),
    ("  C++ & C# developer\n\t(remote) ", "c++ c# developer remote"),
    ("Café – Barista’s “lead”", "caf barista s lead"),
    (" x ", "x"),
    ("---", None),
    (None, None),
])
def test_text_key_examples(db, value, key):
    normalise.refresh_taxonomy(db)
    assert db.execute("SELECT text_key(?)", [value]).fetchall()[0][0] == key


@pytest.mark.parametrize("value, cleaned", [
    ("  Data Analyst ", "Data Analyst"),
    ("Data Analyst\n ", "Data Analyst\n"),          # trim removes spaces, not line breaks
    ("\u00a0Acme\u3000", "Acme"),                   # ... but Unicode spaces too
    ("\tN/A", "\tN/A"),
    (" -1 ", None), ("nan", None), ("", None), (None, None),
])
def test_clean_text_examples(db, value, cleaned):
    normalise.refresh_taxonomy(db)
    assert db.execute("SELECT clean_text(?)", [value]).fetchall()[0][0] == cleaned


@pytest.mark.parametrize("relative, columns", [
    ("glassdoor_data_analyst_2020/DataAnalyst.csv.gz",
     ["Job Title", "Job Description", "Company Name", "Location", "Industry", "Sector", "Salary Estimate"]),
    ("indeed_ethical_tech_postings_2020/postings.csv", ["Title", "Company", "Text", "Location"]),
])
def test_both_equal_the_plain_definitions_on_every_real_value(db, relative, columns):
    normalise.refresh_taxonomy(db)
    path = str(shared_file(relative))
    for column in columns:
        x = '"' + column + '"'
        total, same_key, same_clean = db.execute(
            f"SELECT count(*), "
            f"count(*) FILTER (WHERE text_key({x}) IS NOT DISTINCT FROM {PLAIN_TEXT_KEY.format(x=x)}), "
            f"count(*) FILTER (WHERE clean_text({x}) IS NOT DISTINCT FROM {PLAIN_CLEAN_TEXT.format(x=x)}) "
            f"FROM read_csv(?, all_varchar = true)", [path]).fetchall()[0]
        assert total > 300 and same_key == total and same_clean == total, column
