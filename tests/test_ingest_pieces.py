"""Files that trip DuckDB's parallel reader are read as pieces at once, with the records, numbers and rejects of one reader.

A piece ends where a line break has an even number of quotes before it
(careerlens.sources.pieces); a stray quote in an unquoted field throws that
count off, and then the marker record that ends each piece makes the read fail,
so the file is read again by one reader. Either way the store ends up the same.
"""

from __future__ import annotations

import sys

import pytest

import careerlens
from careerlens.ingest import ingest
from careerlens.sources import pieces
from careerlens.sources.pieces import record_boundaries

ingest_module = sys.modules["careerlens.ingest"]    # the package exports the function under the module's name
HEADER = "Job Title,Salary Estimate,Job Description,Company Name,Location,Industry,Sector"


def quoted(text):
    return '"' + text.replace('"', '""') + '"'


def write_postings(path, n, *, newline="\n", stray_quote=False):
    """Postings whose descriptions hold lines that open with '""', a few rows to reject or clear, maybe two stray
    quotes (an even count, so the file is cut; between them every cut falls inside a description)."""
    rows = [HEADER]
    for i in range(1, n + 1):
        description = (f"Posting {i}: build dashboards.{newline}\"Own the data\" is our motto{newline}"
                       f"Training budget of {i % 7 + 1} days.")
        title = "" if i % 97 == 0 else f"Data Analyst {i % 50}"
        salary = "$lots" if i % 89 == 0 else "$50K-$70K (Glassdoor est.)"
        company = 'Acme 5" Screens' if stray_quote and i in (3, n - 10) else f"Example Co {i}"
        rows.append(f"{title},{salary},{'' if i % 97 == 0 else quoted(description)},{company},"
                    f"\"Austin, TX\",Banking,Finance")
    with open(path, "w", newline="") as fh:
        fh.write(newline.join(rows) + newline)
    return path


def stored(db):
    return (db.sql("SELECT source_row, posting_id, title, description, company FROM stored_postings ORDER BY ALL"
                   ).values.tolist(),
            db.sql("SELECT source_row, field, reason, raw_value, action FROM rejects ORDER BY ALL").values.tolist(),
            db.sql("SELECT rows_read, rows_loaded, rows_rejected, rows_duplicate FROM sources").values.tolist())


@pytest.fixture
def reads(monkeypatch):
    """Cut files of any size into three pieces, and record how each load read its file."""
    monkeypatch.setattr(pieces, "MIN_PIECE_BYTES", 1)
    monkeypatch.setattr(ingest_module, "default_readers", lambda: 3)
    seen = []
    plain = ingest_module._load_in_one_transaction

    def recording(*args, read, **kwargs):
        seen.append(read)
        return plain(*args, read=read, **kwargs)

    monkeypatch.setattr(ingest_module, "_load_in_one_transaction", recording)
    return seen


def read_by_one_reader(path):
    with careerlens.open_database(":memory:") as db:
        ingest(db, [path])
        return stored(db)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_pieces_load_what_one_reader_loads(tmp_path, newline, reads):
    path = write_postings(tmp_path / "quoted_lines.csv", 300, newline=newline)
    with careerlens.open_database(":memory:") as db:
        ingest(db, [path])
        in_pieces = stored(db)
    assert reads == ["pieces"]
    reads.clear()
    pieces_off = pytest.MonkeyPatch()
    pieces_off.setattr(pieces, "MIN_PIECE_BYTES", 1 << 40)
    try:
        assert read_by_one_reader(path) == in_pieces
    finally:
        pieces_off.undo()
    assert reads == ["sequential"]
    rows, rejects, counts = in_pieces
    assert [r[0] for r in rows][:3] == [1, 2, 3] and counts == [[300, 297, 3, 0]]
    assert {r[2] for r in rejects} >= {"no title and no description", "salary not understood"}


def test_a_stray_quote_that_misplaces_the_cut_is_caught_and_the_file_read_by_one_reader(tmp_path, reads):
    path = write_postings(tmp_path / "stray_quote.csv", 300, stray_quote=True)
    data = path.read_bytes()
    cut = record_boundaries(data, 3)[1]
    assert data[:cut].count(b'"') % 2 == 0 and not data[cut:].startswith(b"Data Analyst")  # inside a description
    with careerlens.open_database(":memory:") as db:
        ingest(db, [path])
        loaded = stored(db)
    assert reads == ["pieces", "sequential"]
    assert loaded == read_by_one_reader(path) and loaded[2] == [[300, 297, 3, 0]]


@pytest.mark.parametrize("data, count, expected", [
    (b'h\n1\n2\n3\n4\n', 2, [2, 6]),
    (b'h\n"a\n\n""b"\n2\n', 2, [2, 11]),       # the line breaks inside quotes are passed over
    (b'h\n"open\nnever closed\n', 2, [2]),     # no boundary after the middle: fewer pieces
    (b'"h\n1"\n2\n', 3, [6, 8]),               # a header with a quoted line break; 8 is the end
])
def test_record_boundaries(data, count, expected):
    assert record_boundaries(data, count) == expected


def test_a_generic_csv_is_read_in_pieces_too(tmp_path, reads):
    path = write_postings(tmp_path / "generic_quoted_lines.csv", 300)
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('[columns]\ntitle = "Job Title"\ndescription = "Job Description"\ncompany = "Company Name"\n'
                       'location = "Location"\n')
    with careerlens.open_database(":memory:") as db:
        (result,) = ingest(db, [path], source="generic", options={"mapping": mapping})
        rows = db.sql("SELECT source_row, description FROM stored_postings ORDER BY source_row").values.tolist()
    assert reads == ["pieces"]
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (300, 297, 3)
    assert rows[0] == [1, 'Posting 1: build dashboards.\n"Own the data" is our motto\nTraining budget of 2 days.']
    assert rows[-1][0] == 300 and not any("careerlens-piece-end" in (r[1] or "") for r in rows)
