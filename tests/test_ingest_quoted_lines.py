"""Descriptions whose lines open with a quote: read whole, and still refused when cut off.

DuckDB's parallel CSV reader guesses where each thread's first record starts;
a quoted line break followed by '""' (an escaped quote opening a line) can pass
for a record start, and the strict read then fails on a sound file. careerlens
reads such files with one reader (and retries any failed parallel read with one
reader), checking the quote count itself, since the single reader drops a
record cut off inside quotes without a word.
"""

import hashlib

import pytest

from careerlens import InputError, ingest
from careerlens.sources.probe import scan_file

HEADER = "Job Title,Salary Estimate,Job Description,Company Name,Location,Industry,Sector\n"


def quoted(text):
    return '"' + text.replace('"', '""') + '"'


def description(i):
    return (f"Posting {i}: build dashboards and models.\nWhat you will do\n"
            f'"Own the data" is our motto\nTraining budget of {i % 7 + 1} days a year.')


def write_postings(path, n):
    with open(path, "w", newline="") as fh:
        fh.write(HEADER)
        for i in range(1, n + 1):
            fh.write(f"Data Analyst {i},$50K-$70K (Glassdoor est.),{quoted(description(i))},"
                     f"Example Co {i},\"Austin, TX\",Banking,Finance\n")
    return path


def test_a_file_with_lines_opening_with_a_quote_loads_every_row_whole(db, tmp_path):
    path = write_postings(tmp_path / "quoted_lines.csv", 3000)
    (result,) = ingest(db, [path])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3000, 3000, 0)
    stored = db.sql("SELECT source_row, title, description FROM stored_postings ORDER BY source_row")
    assert list(stored.source_row) == list(range(1, 3001))
    assert stored.description[1499] == description(1500)
    assert stored.title[2999] == "Data Analyst 3000"


def test_such_a_file_cut_inside_a_description_is_refused_naming_row_and_field(db, tmp_path):
    whole = write_postings(tmp_path / "quoted_lines.csv", 3000).read_bytes()
    cut_at = whole.index(b"Posting 2001:") + 20          # inside row 2001's description
    cut = tmp_path / "quoted_lines_cut.csv"
    cut.write_bytes(whole[:cut_at])
    with pytest.raises(InputError) as caught:
        ingest(db, [cut])
    assert (caught.value.row, caught.value.field) == (2001, "Job Description")
    assert db.sql("SELECT count(*) AS n FROM stored_postings").n[0] == 0


@pytest.mark.parametrize("offset", [0, 1, 2, 3])
def test_scan_counts_quotes_and_quoted_line_starts_across_block_edges(tmp_path, offset):
    # '\n""' placed so that it straddles the 1 MiB block boundary at every split.
    body = b"x" * ((1 << 20) - offset) + b'\n""' + b'a"b\n""' + b"y" * 10
    path = tmp_path / "blocks.csv"
    path.write_bytes(body)
    scan = scan_file(path, count_quotes=True)
    assert (scan.quotes, scan.quoted_line_starts) == (body.count(b'"'), body.count(b'\n""')) == (5, 2)
    assert scan.sha256 == hashlib.sha256(body).hexdigest()
