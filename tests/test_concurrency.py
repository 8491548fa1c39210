"""Two careerlens processes on one database: the second waits its turn, or stops with a clear message.

DuckDB lets one process write a database file (or several read it). A second
process waits for the lock (``CAREERLENS_LOCK_WAIT`` seconds, 30 by default) and
then either runs, or stops with exit code 1 and a message saying the database
is in use. Either way nothing is loaded twice and nothing is half-loaded.
"""

import os
import subprocess
import sys
import time

import pytest

from careerlens import ingest, open_database
from careerlens.db import default_lock_wait
from careerlens.errors import UsageError
from tests.test_crash_safety import HEADER, fingerprint

BUSY = "in use by another careerlens process"


def write_glassdoor_file(path, tag, rows=20_000, shared=500):
    """Glassdoor-layout postings (text written for this test): every 10th row repeats the one before,
    and the first ``shared`` rows are the same in every file written, so files share postings."""
    line = ('{title},$60K-$80K (Glassdoor est.),"Posting {i}: model demand with Python and SQL, '
            'explain it to managers.",Example Co {c},"Denver, CO",Banking,Finance\n')
    with open(path, "w") as fh:
        fh.write(HEADER)
        for i in range(rows):
            n = i - 1 if i % 10 == 9 else i
            title = f"Data Analyst {n}" if n < shared else f"Data Analyst {tag}{n}"
            fh.write(line.format(title=title, i=n, c=n % 53))
    return path


def careerlens(*args, wait=None):
    env = dict(os.environ)
    if wait is not None:
        env["CAREERLENS_LOCK_WAIT"] = str(wait)
    return subprocess.Popen([sys.executable, "-m", "careerlens.cli", *map(str, args)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc, timeout=180):
    out, err = proc.communicate(timeout=timeout)
    assert "Traceback" not in err, err
    return proc.returncode, out, err


def contents(db_path) -> dict:
    """What the store holds, independent of which process loaded which file first."""
    with open_database(db_path, read_only=True) as db:
        return {
            "files": db.sql("SELECT count(*) AS n FROM sources").n[0],
            "rows read": db.sql("SELECT sum(rows_read) AS n FROM sources").n[0],
            "postings": db.sql("SELECT count(*) AS n FROM stored_postings").n[0],
            "distinct postings": db.sql("SELECT count(DISTINCT posting_id) AS n FROM stored_postings").n[0],
            "occurrences": db.sql("SELECT count(*) AS n FROM posting_occurrences").n[0],
            "posting ids": db.sql("SELECT md5(string_agg(posting_id, ',' ORDER BY posting_id)) AS h "
                                  "FROM stored_postings").h[0],
            "loaded + rejected + duplicates = read": db.sql(
                "SELECT bool_and(rows_loaded + rows_rejected + rows_duplicate = rows_read) AS ok FROM sources").ok[0],
        }


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("files")
    return write_glassdoor_file(folder / "jobs_a.csv", "A"), write_glassdoor_file(folder / "jobs_b.csv", "B")


@pytest.mark.parametrize("which", ["different files", "the same file"])
def test_two_ingests_at_once_load_what_one_after_the_other_would(tmp_path, files, which):
    first, second = files if which == "different files" else (files[0], files[0])
    sequential = tmp_path / "sequential.duckdb"
    with open_database(sequential) as db:
        ingest(db, [first])
        ingest(db, [second])

    db_path = tmp_path / "concurrent.duckdb"
    with open_database(db_path):                 # created beforehand, so both processes only load
        pass
    procs = [careerlens("ingest", path, "--db", db_path) for path in (first, second)]
    results = [finish(proc) for proc in procs]

    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    assert contents(db_path) == contents(sequential)
    expected = contents(sequential)
    assert expected["postings"] == expected["distinct postings"]
    if which == "the same file":
        assert (expected["files"], expected["postings"]) == (1, 18_000)
        assert sorted("1 already loaded" in out for _, out, _ in results) == [False, True]
    else:
        # 18,000 distinct rows a file (every 10th repeats), 450 of them shared: 18,000 + 17,550.
        assert (expected["files"], expected["postings"]) == (2, 35_550)


def test_a_second_ingest_waits_for_the_lock_then_loads(tmp_path, files):
    db_path = tmp_path / "store.duckdb"
    holder = open_database(db_path)              # this test process holds the write lock
    try:
        proc = careerlens("ingest", files[0], "--db", db_path, wait=120)
        time.sleep(3.0)
        assert proc.poll() is None, finish(proc)        # still waiting
        assert holder.sql("SELECT count(*) AS n FROM sources").n[0] == 0
    finally:
        holder.close()
    code, out, err = finish(proc)
    assert code == 0, err
    assert contents(db_path)["postings"] == 18_000


@pytest.mark.parametrize("command", [["ingest", "FILE"], ["sources"], ["report", "--out", "OUT"]])
def test_a_process_that_cannot_get_the_lock_stops_with_a_clear_message(tmp_path, files, command):
    db_path = tmp_path / "store.duckdb"
    with open_database(db_path) as db:
        ingest(db, [files[1]])
    before = fingerprint(db_path)
    args = [{"FILE": files[0], "OUT": tmp_path / "reports"}.get(a, a) for a in command]
    with open_database(db_path):
        started = time.monotonic()
        code, out, err = finish(careerlens(*args, "--db", db_path, wait=1))
        waited = time.monotonic() - started
    assert code == 1
    assert BUSY in err and str(db_path) in err and "waited 1 s" in err
    assert waited >= 1.0
    assert fingerprint(db_path) == before
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize("value, seconds", [(None, 30.0), ("", 30.0), ("0", 0.0), ("2.5", 2.5)])
def test_lock_wait_comes_from_the_environment(monkeypatch, value, seconds):
    if value is None:
        monkeypatch.delenv("CAREERLENS_LOCK_WAIT", raising=False)
    else:
        monkeypatch.setenv("CAREERLENS_LOCK_WAIT", value)
    assert default_lock_wait() == seconds


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf"])
def test_a_bad_lock_wait_is_a_usage_error(monkeypatch, tmp_path, value):
    from click.testing import CliRunner

    from careerlens.cli import main

    monkeypatch.setenv("CAREERLENS_LOCK_WAIT", value)
    with pytest.raises(UsageError, match="CAREERLENS_LOCK_WAIT"):
        default_lock_wait()
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2 and "CAREERLENS_LOCK_WAIT" in result.output
