"""A large file is staged, checked and inserted in slices, in its one transaction, with the rows one slice gives.

``CAREERLENS_SLICE_ROWS`` forces tiny slices here: a Parquet file of 40-row row groups is staged one or two row
groups at a time in the staging area; a Glassdoor CSV stays one slice whatever the setting. Each file
holds rows repeated across slice borders (the second copy is a duplicate, wherever it falls), rows with no title
and no description (rejected), and salaries careerlens cannot read (a field rejected). Every stored posting,
occurrence and reject, and the counts, must equal those of the same file loaded as one slice.
"""

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from careerlens import ingest, open_database
from careerlens.slices import Slice, memory_bytes, row_group_slices
from tests.test_ingest_numbering import write_glassdoor_csv as glassdoor_csv

ROWS = 400


def record(i):
    """Record ``i`` (1-based). Rows 30k + 1 and 30k + 2 (k >= 1) repeat row 1: duplicates across slice borders and
    within a slice; every 37th row is blank."""
    if i % 37 == 0:
        return {"title": None, "body": None, "org": f"Example Co {i}", "place": "Austin, TX", "pay": None}
    source = 1 if i % 30 in (1, 2) and i > 30 else i
    return {"title": f"Data Analyst {source % 50}", "body": f"Posting {source}: build dashboards.\nOwn the data.",
            "org": f"Example Co {source}", "place": "Austin, TX",
            "pay": "$50K-$70K (Glassdoor est.)" if source % 11 else "about fifty thousand"}


def write_parquet(path):
    pq.write_table(pa.Table.from_pylist([record(i) for i in range(1, ROWS + 1)]), path, row_group_size=40)
    path.with_name(path.stem + ".careerlens.toml").write_text(
        '[columns]\ntitle = "title"\ndescription = "body"\ncompany = "org"\nlocation = "place"\n'
        '[salary]\ntext_column = "pay"\n')
    return path


def write_glassdoor_csv(path):
    return glassdoor_csv(path, [record(i) for i in range(1, ROWS + 1)])


def load(tmp_path, monkeypatch, write, slice_rows, store_name):
    """Load the file into a fresh store with slices of ``slice_rows``: the counts, every row the load wrote, and
    how many slices were inserted."""
    from careerlens.db import Database

    monkeypatch.setenv("CAREERLENS_SLICE_ROWS", str(slice_rows))
    scripts, run_script = [], Database.run_script
    monkeypatch.setattr(Database, "run_script", lambda self, name, *args: scripts.append(name) or run_script(
        self, name, *args))
    data = write(tmp_path / ("board.parquet" if write is write_parquet else "DataAnalyst.csv"))
    with open_database(tmp_path / store_name) as db:
        (result,) = ingest(db, [data])
        tables = {name: db.sql(f"SELECT * EXCLUDE ({drop}) FROM {name} ORDER BY ALL")
                  for name, drop in [("stored_postings", "file_id"), ("posting_occurrences", "file_id"),
                                     ("rejects", "file_id")]}
    counts = (result.rows_read, result.rows_loaded, result.rows_rejected, result.rows_duplicate)
    return counts, tables, scripts.count("postings/insert")


@pytest.mark.parametrize("write, slice_rows, slices", [(write_parquet, 80, 5), (write_parquet, 40, 10),
                                                       (write_glassdoor_csv, 7, 1)])     # a CSV is one slice
def test_a_file_loaded_in_slices_stores_what_one_slice_stores(tmp_path, monkeypatch, write, slice_rows, slices):
    whole_counts, whole, one = load(tmp_path, monkeypatch, write, 10**9, "whole.duckdb")
    sliced_counts, sliced, inserted = load(tmp_path, monkeypatch, write, slice_rows, "sliced.duckdb")
    assert (one, inserted) == (1, slices)
    blanks = ROWS // 37
    repeats = len([i for i in range(31, ROWS + 1) if i % 30 in (1, 2)])
    assert whole_counts == (ROWS, ROWS - blanks - repeats, blanks, repeats)
    assert sliced_counts == whole_counts
    for name in whole:
        assert sliced[name].equals(whole[name]), name
    stored = sliced["stored_postings"]
    assert list(stored.company) == [f"Example Co {row}" for row in stored.source_row]     # numbered by position
    assert set(sliced["rejects"].reason) == {"no title and no description", "salary not understood"}


def test_a_duplicate_of_an_earlier_file_is_found_in_every_slice(tmp_path, monkeypatch):
    monkeypatch.setenv("CAREERLENS_SLICE_ROWS", "80")
    first = write_parquet(tmp_path / "board.parquet")
    again = tmp_path / "again.parquet"
    pq.write_table(pq.read_table(first).slice(0, 200), again, row_group_size=40)
    again.with_name("again.careerlens.toml").write_text(first.with_name("board.careerlens.toml").read_text())
    with open_database(tmp_path / "store.duckdb") as db:
        _, second = ingest(db, [first, again])
    blanks = 200 // 37
    assert (second.rows_read, second.rows_loaded, second.rows_rejected, second.rows_duplicate) == \
        (200, 0, blanks, 200 - blanks)


def test_a_parquet_file_with_its_own_file_row_number_column_is_read_whole(tmp_path, monkeypatch):
    monkeypatch.setenv("CAREERLENS_SLICE_ROWS", "80")
    path = write_parquet(tmp_path / "board.parquet")
    table = pq.read_table(path)
    pq.write_table(table.append_column("file_row_number", pa.array(["x"] * ROWS)), path, row_group_size=40)
    with open_database(tmp_path / "store.duckdb") as db:
        (result,) = ingest(db, [path])
        stored = db.sql("SELECT source_row, company FROM stored_postings ORDER BY source_row")
    assert result.rows_read == ROWS
    assert list(stored.company) == [f"Example Co {row}" for row in stored.source_row]


def test_the_store_gets_its_memory_limit_back_after_a_load_in_slices(tmp_path, monkeypatch):
    monkeypatch.setenv("CAREERLENS_SLICE_ROWS", "80")
    with open_database(tmp_path / "store.duckdb", memory_limit="1GB") as db:
        before = db.memory_limit_setting()
        ingest(db, [write_parquet(tmp_path / "board.parquet")])
        assert db.memory_limit_setting() == before


@pytest.mark.parametrize("groups, rows, slices", [
    ([40] * 5, 80, [Slice(0, 80), Slice(80, 80), Slice(160, 40)]),
    ([40] * 5, 100, [Slice(0, 80), Slice(80, 80), Slice(160, 40)]),
    ([100, 10, 10], 50, [Slice(0, 100), Slice(100, 20)]),     # a row group larger than a slice is one of its own
    ([], 50, []),
])
def test_a_parquet_file_is_sliced_along_whole_row_groups(groups, rows, slices):
    assert row_group_slices(groups, rows) == slices


@pytest.mark.parametrize("text, size", [("2.7 GiB", int(2.7 * 2**30)), ("476.8 MiB", int(476.8 * 2**20)),
                                        ("3GB", 3 * 10**9), ("512 bytes", 512)])
def test_duckdbs_memory_amounts_are_read(text, size):
    assert memory_bytes(text) == size
