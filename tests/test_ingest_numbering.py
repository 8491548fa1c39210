"""Every staged record is numbered by its position in the file, however many threads read it.

Staging queries that only project the records they read leave ``source_row``
NULL and ``queries/postings/number_staged.sql`` numbers the staged rows by
position afterwards, so that DuckDB reads and cleans a file on every core
(``row_number() OVER ()`` while reading held all of it to one thread). These
tests read files in many parallel pieces and check each stored posting's and
each reject's ``source_row`` against the record's place in the file.
"""

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from careerlens import CareerlensError, ingest
from careerlens.db import Database

ROWS = 20_000
BLANK_EVERY = 997       # these records have no title and no description: rejected, and named by their row


def record(i):
    """Record ``i`` (1-based): its title and description name it, or both are empty."""
    if i % BLANK_EVERY == 0:
        return {"title": None, "body": None, "org": f"Example Co {i}", "place": "Austin, TX"}
    return {"title": f"Data Analyst {i}", "body": f"Posting {i}: build dashboards and models.\n" + "Own the data. " * 8,
            "org": f"Example Co {i}", "place": "Austin, TX"}


def quoted(text):
    return '"' + (text or "").replace('"', '""') + '"'


def write_glassdoor_csv(path, records=None):
    """The ``records`` (by default this module's) as a Glassdoor-layout CSV; ``pay`` defaults to a salary estimate."""
    with open(path, "w", newline="") as fh:
        fh.write("Job Title,Salary Estimate,Job Description,Company Name,Location,Industry,Sector\n")
        for r in records if records is not None else (record(i) for i in range(1, ROWS + 1)):
            fh.write(f"{quoted(r['title'])},{quoted(r.get('pay', '$50K-$70K (Glassdoor est.)'))},{quoted(r['body'])},"
                     f"{quoted(r['org'])},{quoted(r['place'])},Banking,Finance\n")
    return path


def write_generic(path):
    table = pa.Table.from_pylist([record(i) for i in range(1, ROWS + 1)])
    if path.suffix == ".parquet":
        pq.write_table(table, path, row_group_size=1000)     # 20 row groups: read on every thread
    elif path.suffix == ".jsonl":
        table.to_pandas().to_json(path, orient="records", lines=True)
    else:
        table.to_pandas().to_csv(path, index=False)
    path.with_name(path.stem + ".careerlens.toml").write_text(
        '[columns]\ntitle = "title"\ndescription = "body"\ncompany = "org"\nlocation = "place"\n')
    return path


def assert_numbered_by_position(db, result):
    blanks = [i for i in range(1, ROWS + 1) if i % BLANK_EVERY == 0]
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (ROWS, ROWS - len(blanks), len(blanks))
    stored = db.sql("SELECT source_row, title, company FROM stored_postings ORDER BY source_row")
    assert list(stored.title) == [f"Data Analyst {i}" for i in stored.source_row]
    assert list(stored.company) == [f"Example Co {i}" for i in stored.source_row]
    rejected = db.sql("SELECT source_row FROM rejects WHERE action = 'row_rejected' ORDER BY source_row")
    assert list(rejected.source_row) == blanks


def test_a_csv_read_in_many_parallel_pieces_is_numbered_by_position(db, tmp_path, small_csv_buffers, read_attempts):
    (result,) = ingest(db, [write_glassdoor_csv(tmp_path / "DataAnalyst.csv")])
    assert read_attempts == [True]
    assert_numbered_by_position(db, result)


def test_a_csv_read_again_by_one_reader_is_numbered_by_position(db, tmp_path):
    db.execute("SET VARIABLE strict_csv_parallel = false")      # what the second attempt at a file sets
    (result,) = ingest(db, [write_glassdoor_csv(tmp_path / "DataAnalyst.csv")])
    assert_numbered_by_position(db, result)


@pytest.mark.parametrize("name", ["board.parquet", "board.csv", "board.jsonl"])
def test_a_generic_file_read_on_several_threads_is_numbered_by_position(db, tmp_path, small_csv_buffers, name):
    (result,) = ingest(db, [write_generic(tmp_path / name)], source="generic")
    assert_numbered_by_position(db, result)


def test_the_load_fails_rather_than_number_rows_out_of_file_order(db, tmp_path, monkeypatch):
    # Without preserve_insertion_order DuckDB may stage the rows in any order: numbering them by position would
    # name the wrong rows in rejects, so the load stops and leaves nothing behind.
    run_script = Database.run_script

    def out_of_order(self, name, *args, **kwargs):
        if name == "postings/number_staged":
            self.execute("SET preserve_insertion_order = false")
        return run_script(self, name, *args, **kwargs)

    monkeypatch.setattr(Database, "run_script", out_of_order)
    with pytest.raises(CareerlensError, match="preserve_insertion_order is off"):
        ingest(db, [write_glassdoor_csv(tmp_path / "DataAnalyst.csv")])
    assert db.sql("SELECT count(*) AS n FROM stored_postings").n[0] == 0
