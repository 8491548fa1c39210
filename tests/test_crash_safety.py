"""An ingest killed mid-file leaves the database exactly as it was."""

import os
import signal
import subprocess
import sys
import time

import pytest

from careerlens import ingest, open_database
from tests.conftest import shared_file

HEADER = "Job Title,Salary Estimate,Job Description,Company Name,Location,Industry,Sector\n"


def write_big_glassdoor_file(path, rows=300_000):
    """A Glassdoor-layout file large enough to take seconds to load (text written for this test)."""
    line = ('Data Analyst {i},$50K-$70K (Glassdoor est.),"Posting {i}: build dashboards in Tableau, '
            'write SQL and present findings to managers.",Example Co {c},"Austin, TX",Banking,Finance\n')
    with open(path, "w") as fh:
        fh.write(HEADER)
        fh.writelines(line.format(i=i, c=i % 97) for i in range(rows))


def snapshot(db_path):
    with open_database(db_path, read_only=True) as db:
        return {t: int(db.sql(f"SELECT count(*) AS n FROM {t}").n[0])
                for t in ("sources", "rejects", "stored_postings", "posting_occurrences")}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_during_ingest_leaves_the_database_as_before(tmp_path):
    db_path = tmp_path / "store.duckdb"
    with open_database(db_path) as db:
        ingest(db, [shared_file("glassdoor_uncleaned_ds_jobs/Uncleaned_DS_jobs.csv.gz")])
    before = snapshot(db_path)
    big = tmp_path / "big_glassdoor.csv"
    write_big_glassdoor_file(big)

    proc = subprocess.Popen([sys.executable, "-m", "careerlens.cli", "ingest", str(big), "--db", str(db_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(3.0)
    assert proc.poll() is None, "the load finished before it could be interrupted; make the file bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    assert snapshot(db_path) == before
    with open_database(db_path) as db:           # opens for writing, and DuckDB's own check passes
        assert db.sql("PRAGMA database_size").shape[0] == 1
        db.execute("CHECKPOINT")
        (result,) = ingest(db, [big])            # and the interrupted file can be loaded afterwards
    assert result.rows_read == 300_000
