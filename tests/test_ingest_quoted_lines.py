"""Descriptions with lines that open with a quote or read as records: read whole, and refused when cut off.

DuckDB's parallel CSV reader guesses where each thread's first record starts;
a line inside a quoted field that reads as a record of its own can pass for
one, and the strict read then fails on a sound file. It fails loudly, so
careerlens reads every delimited file in parallel first and, when that fails,
rolls back and reads it once more with one reader, checking the quote count
itself, since the single reader drops a record cut off inside quotes without a
word.
"""

import hashlib

import duckdb
import pytest

from careerlens import InputError, ingest
from careerlens.sources.base import LoadContext, ParallelReadFailed
from careerlens.sources.probe import count_quotes, file_sha256, probe_file
from careerlens.sources.readers import is_read_error


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


def test_lines_opening_with_a_quote_no_longer_cost_the_parallel_read(db, tmp_path, read_attempts):
    (result,) = ingest(db, [write_postings(tmp_path / "quoted_lines.csv", 3000)])
    assert result.rows_loaded == 3000
    assert read_attempts == [True]


def description_with_a_record_inside(i):
    return f"Intro {i}\nFake {i},$1,fake,Fake Co,Austin,Banking,Finance\nMore text {i}."


def write_records_inside(path):
    """5,000 postings whose descriptions hold a line that reads as a whole record."""
    with open(path, "w", newline="") as fh:
        fh.write(HEADER)
        for i in range(1, 5001):
            fh.write(f"Data Analyst {i},$50K-$70K (Glassdoor est.),{quoted(description_with_a_record_inside(i))},"
                     f"Example Co {i},\"Austin, TX\",Banking,Finance\n")
    return path


GENERIC_MAPPING = """[columns]
title = "Job Title"
description = "Job Description"
company = "Company Name"
location = "Location"
"""


@pytest.mark.parametrize("source", [None, "generic"])
def test_a_failed_parallel_read_is_rolled_back_and_the_file_read_again_by_one_reader(db, tmp_path, read_attempts,
                                                                                    small_csv_buffers, source):
    # Lines inside the descriptions that read as whole records, and the parallel reader's threads started every
    # 16 KiB (its default is megabytes): one of them starts on such a line and the strict read fails.
    path = write_records_inside(tmp_path / "records_inside.csv")
    options = {}
    if source == "generic":                 # the same file through a column mapping
        mapping = tmp_path / "columns.toml"
        mapping.write_text(GENERIC_MAPPING)
        options = {"mapping": str(mapping)}
    (result,) = ingest(db, [path], source=source, options=options)
    assert read_attempts == [True, False]
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (5000, 5000, 0)
    stored = db.sql("SELECT source_row, description FROM stored_postings ORDER BY source_row")
    assert list(stored.source_row) == list(range(1, 5001))           # nothing of the failed attempt is left
    # and every row is numbered by its position in the file
    assert list(stored.description) == [description_with_a_record_inside(i) for i in range(1, 5001)]


@pytest.mark.parametrize("error", [
    duckdb.InvalidInputException("CSV Error on Line: 1304\nExpected Number of Columns: 7 Found: 5"),
    duckdb.NotImplementedException("The Parallel CSV Reader currently does not support a full read on this file."),
])
def test_either_way_the_parallel_reader_gives_up_the_file_is_read_again(db, tmp_path, error):
    # Which of the two DuckDB raises depends on where its threads start on the file.
    ctx = LoadContext(db=db, probe=probe_file(write_postings(tmp_path / "quoted_lines.csv", 3)), fmt=None,
                      file_id=1, sha256="")
    assert is_read_error(error)
    assert isinstance(ctx.read_failure(error), ParallelReadFailed)


@pytest.mark.parametrize("offset", [0, 1, 2, 3])
def test_quotes_and_hash_are_counted_across_block_edges(tmp_path, offset):
    body = b"x" * ((1 << 20) - offset) + b'\n""' + b'a"b\n""' + b"y" * 10
    path = tmp_path / "blocks.csv"
    path.write_bytes(body)
    assert count_quotes(path) == body.count(b'"') == 5
    assert file_sha256(path) == hashlib.sha256(body).hexdigest()
