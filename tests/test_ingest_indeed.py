"""Indeed (EthicalTechJobListings 2020): mixed date formats, URLs as keys, repeats across search terms."""

import csv

import pandas as pd
import pytest

import careerlens
from careerlens import ingest
from careerlens.sources import detect_format, probe_file
from tests.conftest import posting_at, shared_file

POSTINGS = "indeed_ethical_tech_postings_2020/postings.csv"


def raw_records():
    with open(shared_file(POSTINGS), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def indeed():
    with careerlens.open_database(":memory:") as store:
        ingest(store, [shared_file(POSTINGS)])
        yield store


def test_detected_by_header():
    assert detect_format(probe_file(shared_file(POSTINGS))).name == "indeed_ethical_tech"


def test_every_row_is_accounted_for(indeed):
    source = indeed.sql("SELECT * FROM sources").iloc[0]
    assert (source.rows_read, source.rows_loaded, source.rows_rejected, source.rows_duplicate) == (393, 360, 0, 33)


def test_duplicates_are_the_rows_repeating_title_company_and_text(indeed):
    # PROVENANCE.md counts 33 rows repeating another row's (Title, Company, Text); they also share the
    # Location, so the shared dedup (title, company, location, description) finds the same 33.
    seen, repeats = set(), 0
    for record in raw_records():
        key = (record["Title"], record["Company"], record["Text"])
        repeats += key in seen
        seen.add(key)
    assert repeats == 33 == indeed.sql("SELECT rows_duplicate FROM sources").rows_duplicate[0]


def test_a_repeat_points_at_the_first_copy(indeed):
    # Row 18 is row 2 again (T-Mobile, Atlanta), returned for 'Privacy Technology' after 'Trust Technology'.
    first, repeat = posting_at(indeed, "postings.csv", 2), posting_at(indeed, "postings.csv", 18)
    assert repeat.posting_id == first.posting_id and repeat.source_row == 2
    assert first.company == "T-Mobile"


# Figures read by hand from postings.csv (row = record number after the header).
@pytest.mark.parametrize("row, title, company, state, date_queried, url_start", [
    (1, "Junior GIS Data Engineer", "Xentity Corporation", "CO", "2020-07-30",
     "https://www.indeed.com/pagead/clk?mo=r&ad=-6NYlbfkN0BPOaq5hF"),        # '7/30/2020'
    (140, "Backend Java Developer", "Cognizance", "MD", "2020-08-02",
     "https://www.indeed.com/rc/clk?jk=41a9e5a9b343c90f&"),                   # '2020-08-02'; 'Cognizance '
])
def test_hand_read_rows(indeed, row, title, company, state, date_queried, url_start):
    posting = posting_at(indeed, "postings.csv", row)
    assert (posting.title, posting.company, posting.state) == (title, company, state)
    assert posting.posted_date == pd.Timestamp(date_queried)
    assert posting.source_key.startswith(url_start)
    assert pd.isna(posting.salary_min_usd) and posting.industry_raw is None


def test_source_row_is_the_csv_record_number(indeed):
    stored = indeed.sql("SELECT source_row, source_key FROM stored_postings")
    urls = [record["URL"] for record in raw_records()]
    assert len(stored) == 360
    assert all(urls[row - 1] == url for row, url in zip(stored.source_row, stored.source_key))


def test_both_date_formats_are_read(indeed):
    # Date_Queried is '7/30/2020' in 131 rows and ISO '2020-08-02' / '2020-08-04' in 262 (PROVENANCE.md).
    written = [record["Date_Queried"] for record in raw_records()]
    assert sum("/" in d for d in written) == 131 and sum("-" in d for d in written) == 262
    stored = indeed.sql("SELECT source_row, posted_date FROM stored_postings")
    expected = [pd.to_datetime(written[row - 1], format="mixed") for row in stored.source_row]
    assert list(stored.posted_date) == expected
    assert indeed.sql("SELECT count(*) AS n FROM rejects").n[0] == 0


def test_unreadable_date_is_cleared_not_rejected(db, tmp_path):
    path = tmp_path / "postings.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows([
            ["Company", "Date_Queried", "Location", "Text", "Title", "URL"],
            ["Gamma Co", "30.07.2020", "Reno, NV", "Audit data practices.", "Privacy Analyst", "https://example.org/1"],
            ["Gamma Co", "8/1/2020", "Reno, NV", "Review model fairness.", "Ethics Lead", "https://example.org/2"],
        ])
    (result,) = ingest(db, [path])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (2, 2, 0)
    assert db.sql("SELECT source_row, field, raw_value, action FROM rejects").values.tolist() == [
        [1, "Date_Queried", "30.07.2020", "field_cleared"]]
    dates = db.sql("SELECT source_row, posted_date FROM postings ORDER BY source_row").posted_date
    assert pd.isna(dates[0]) and dates[1] == pd.Timestamp("2020-08-01")
