"""A process killed mid-write leaves what it was writing as it was.

``careerlens ingest`` killed with SIGKILL mid-file: the database opens, every
block reads back (DuckDB checks each block's checksum as a full scan reads it),
a checkpoint succeeds, and every table holds exactly the rows it held before.
``careerlens classify`` killed mid-run: the previous labels are all there, none of the new.
``careerlens report`` killed mid-write: the previous report folder is intact,
byte for byte, and the next run cleans up what the killed one left; killed at
any step of the swap: the folder holds one complete report, old or new.
"""

import json
import os
import shutil
import signal
import subprocess
import tempfile
import sys
import time
from pathlib import Path

import pytest

from careerlens import ingest, open_database
from tests.conftest import folder_bytes, shared_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

HEADER = "Job Title,Salary Estimate,Job Description,Company Name,Location,Industry,Sector\n"
BIG_ROWS = 300_000


def write_big_glassdoor_file(path, rows=BIG_ROWS):
    """A Glassdoor-layout file large enough to take seconds to load (text written for this test)."""
    line = ('Data Analyst {i},$50K-$70K (Glassdoor est.),"Posting {i}: build dashboards in Tableau, '
            'write SQL and present findings to managers.",Example Co {c},"Austin, TX",Banking,Finance\n')
    with open(path, "w") as fh:
        fh.write(HEADER)
        fh.writelines(line.format(i=i, c=i % 97) for i in range(rows))


def fingerprint(db_path) -> dict:
    """Per table: its row count and a checksum of every row (the sum of the rows' hashes), read in full.

    A full scan reads every block, and DuckDB verifies each block's checksum as it
    reads it, so a torn or half-written block fails here rather than passing unseen.
    """
    with open_database(db_path, read_only=True) as db:
        tables = db.sql("SELECT table_name FROM information_schema.tables "
                        "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1").table_name
        checksum = "SELECT count(*) AS n, coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR AS checksum FROM \"{}\" t"
        return {table: tuple(db.sql(checksum.format(table)).iloc[0]) for table in tables}


def wait_until(condition, proc, timeout=120.0) -> bool:
    """Poll ``condition`` every 10 ms; False if the process ended (or time ran out) first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return condition()
        time.sleep(0.01)
    return False


def careerlens(*args, **popen):
    return subprocess.Popen([sys.executable, "-m", "careerlens.cli", *map(str, args)], **popen)


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory):
    """A store holding one real file, and a 300,000-row file that takes seconds to load."""
    folder = tmp_path_factory.mktemp("crash")
    with open_database(folder / "store.duckdb") as db:
        ingest(db, [shared_file("glassdoor_uncleaned_ds_jobs/Uncleaned_DS_jobs.csv.gz")])
    big = folder / "big_glassdoor.csv"
    write_big_glassdoor_file(big)
    return folder / "store.duckdb", big


# When to kill: while DuckDB reads the file inside the load's transaction (its progress label is
# printed), once the transaction's rows are being written into the database file (it grows:
# DuckDB writes large inserts straight to data blocks before the commit), or during the commit
# itself (the write-ahead log appears).
KILL_POINTS = {
    "reading": lambda db_path, size, err: "sources/glassdoor" in err.read_text() or db_path.stat().st_size > size,
    "writing rows": lambda db_path, size, err: db_path.stat().st_size > size,
    "committing": lambda db_path, size, err: db_path.with_name(db_path.name + ".wal").exists(),
}


@pytest.mark.parametrize("moment", KILL_POINTS)
def test_sigkill_during_ingest_leaves_the_database_as_before(tmp_path, loaded_store, moment):
    db_path = tmp_path / "store.duckdb"
    shutil.copy(loaded_store[0], db_path)
    big = loaded_store[1]
    before = fingerprint(db_path)
    assert before["stored_postings"][0] > 0 and before["sources"][0] == 1
    size = db_path.stat().st_size
    err = tmp_path / "stderr.txt"

    with open(err, "w") as stderr:
        proc = careerlens("ingest", big, "--db", db_path, stdout=subprocess.DEVNULL, stderr=stderr)
        seen = wait_until(lambda: KILL_POINTS[moment](db_path, size, err), proc)
        os.kill(proc.pid, signal.SIGKILL) if proc.poll() is None else None
        proc.wait()
    if moment != "committing":
        assert seen and proc.returncode == -signal.SIGKILL, f"the load ended before the kill ({err.read_text()})"

    with open_database(db_path) as db:       # opens for writing, replaying or discarding the log
        db.execute("CHECKPOINT")
    after = fingerprint(db_path)
    loaded = after != before
    if moment == "committing" and loaded:
        # The commit had reached the disk: then the file is there in full, once, and nothing else changed.
        assert after["stored_postings"][0] == before["stored_postings"][0] + BIG_ROWS
        assert after["sources"][0] == before["sources"][0] + 1
        assert {t: v for t, v in after.items() if t not in ("stored_postings", "posting_occurrences", "sources",
                                                            "rejects")} == \
               {t: v for t, v in before.items() if t not in ("stored_postings", "posting_occurrences", "sources",
                                                             "rejects")}
    else:
        assert after == before
    if moment == "writing rows":             # and the interrupted file loads in full afterwards
        with open_database(db_path) as db:
            (result,) = ingest(db, [big])
        assert (result.status, result.rows_read, result.rows_loaded) == ("loaded", BIG_ROWS, BIG_ROWS)
        assert fingerprint(db_path)["stored_postings"][0] == before["stored_postings"][0] + BIG_ROWS


# -- classify -----------------------------------------------------------------------------
def test_sigkill_during_classify_leaves_the_previous_labels(tmp_path):
    """Killed after its first batch is in (the progress bar shows), with others in flight: the
    labels of the run before are all there, and nothing of the killed run."""
    from careerlens.classify import TrainingParameters, classify_postings, train

    db_path, postings = tmp_path / "store.duckdb", tmp_path / "postings.csv"
    write_big_glassdoor_file(postings, rows=40_000)          # four batches of 10,000
    with open_database(db_path) as db:
        ingest(db, [postings])
        model = train(db, params=TrainingParameters(max_postings=2_000))
        classify_postings(db, model)
        db.execute("UPDATE posting_topics SET model_id = 'the run before'")
    before = fingerprint(db_path)
    err = tmp_path / "stderr.txt"

    with open(err, "w") as stderr:
        proc = careerlens("classify", "--db", db_path, stdout=subprocess.DEVNULL, stderr=stderr)
        seen = wait_until(lambda: "labelling 4 batches" in err.read_text(), proc)
        os.kill(proc.pid, signal.SIGKILL) if proc.poll() is None else None
        proc.wait()
    assert seen and proc.returncode == -signal.SIGKILL, f"classify ended before the kill ({err.read_text()})"

    with open_database(db_path) as db:
        db.execute("CHECKPOINT")
        assert db.sql("SELECT DISTINCT model_id FROM posting_topics").model_id.tolist() == ["the run before"]
    assert fingerprint(db_path) == before


# -- the report ---------------------------------------------------------------------------
PAGE_FILES = ("index.html", "demand.html", "salaries.html", "premium.html", "curriculum.html", "method.html",
              ".careerlens-report.json")


def leftovers(out: Path) -> list[str]:
    """Folders a run leaves beside the report while it writes (``.reports.building-*``, ``.reports.old-*``)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def staged(out: Path) -> list[Path]:
    return [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.building-")]


# When to kill: as soon as the staging folder exists, once it holds three pages, and once its
# manifest is written (the last file before the swap).
REPORT_KILL_POINTS = {
    "staging created": lambda out: bool(staged(out)),
    "three pages written": lambda out: any(len(list(s.glob("*.html"))) >= 3 for s in staged(out)),
    "manifest written": lambda out: any((s / ".careerlens-report.json").exists() for s in staged(out)),
}


@pytest.mark.parametrize("moment", REPORT_KILL_POINTS)
def test_sigkill_during_report_leaves_the_previous_report_intact(tmp_path, first_report, moment):
    from click.testing import CliRunner

    from careerlens.cli import main

    db_path, first, before = first_report
    out = tmp_path / "reports"
    shutil.copytree(first, out)
    assert set(PAGE_FILES) <= set(before)

    proc = careerlens("report", "--db", db_path, "--out", out, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = wait_until(lambda: REPORT_KILL_POINTS[moment](out), proc)
    os.kill(proc.pid, signal.SIGKILL) if proc.poll() is None else None
    proc.wait()

    after = folder_bytes(out)
    if moment == "manifest written":
        # The kill may come after the swap: then the new report is there in full instead, every
        # file its manifest lists.
        manifest = json.loads(after[".careerlens-report.json"])["files"]
        assert set(after) == set(manifest) | {".careerlens-report.json"} and set(PAGE_FILES) <= set(after)
        assert all(after[name].endswith(b"</html>\n") for name in after if name.endswith(".html"))
    else:
        assert seen and proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()
        assert after == before                          # every page and CSV, byte for byte
    # The next run tidies up what the killed one left, even when it stops at a usage error.
    result = CliRunner().invoke(main, ["report", "--db", str(db_path), "--out", str(out), "--roles", "no_such_role"])
    assert result.exit_code == 2 and "unknown role" in result.output
    assert leftovers(out) == [] and folder_bytes(out) == after


def test_a_report_killed_between_the_two_renames_is_put_back_by_the_next_run(tmp_path, first_report):
    """The swap moves the old report aside, then the new one in: a kill in between leaves no ``reports``."""
    from click.testing import CliRunner

    from careerlens.cli import main

    db_path, first, before = first_report
    out = tmp_path / "reports"
    shutil.copytree(first, tmp_path / ".reports.old-k1ll3d")         # the old report, moved aside
    shutil.copytree(first, tmp_path / ".reports.building-k1ll3d")    # the new one, which never got its name
    (tmp_path / ".reports.building-k1ll3d" / "index.html").write_text("half a page")
    assert not out.exists()

    result = CliRunner().invoke(main, ["report", "--db", str(db_path), "--out", str(out), "--roles", "no_such_role"])
    assert result.exit_code == 2
    assert folder_bytes(out) == before and leftovers(out) == []


def test_a_full_report_after_a_killed_one_is_complete(tmp_path, first_report):
    from careerlens.report import build_report

    db_path, first, before = first_report
    out = tmp_path / "reports"
    shutil.copytree(first, out)
    proc = careerlens("report", "--db", db_path, "--out", out, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_until(lambda: any(any(s.glob("*.csv")) for s in staged(out)), proc)    # a chart's CSV is in
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(leftovers(out)) == 1

    with open_database(db_path, read_only=True) as db:
        build_report(db, out=out)
    assert set(folder_bytes(out)) == set(before) and leftovers(out) == []


def test_a_staging_folder_another_run_is_writing_is_left_alone(tmp_path):
    from careerlens.report import folder

    out = tmp_path / "reports"
    out.mkdir()
    live, dead = tmp_path / ".reports.building-live", tmp_path / ".reports.building-dead"
    live.mkdir()
    dead.mkdir()
    with folder._locked(live) as held:                 # as a running `careerlens report` holds its own
        assert held
        folder.recover(out)
        assert live.exists() and not dead.exists()
    folder.recover(out)
    assert not live.exists()


# -- the swap, killed at every step ---------------------------------------------------------
class Killed(Exception):
    """Raised in place of the kill when tracing which steps the swap takes."""


def swap_steps(monkeypatch, on_step):
    """Call ``on_step(name, 'before' | 'after')`` around every file-system call the swap makes."""
    from careerlens.report import folder

    def traced(name, function):
        def step(*args, **kwargs):
            on_step(name, "before")
            result = function(*args, **kwargs)
            on_step(name, "after")
            return result
        return step

    monkeypatch.setattr(folder, "exchange", traced("exchange", folder.exchange))
    monkeypatch.setattr(folder.os, "replace", traced("os.replace", os.replace))
    monkeypatch.setattr(folder.shutil, "rmtree", traced("shutil.rmtree", shutil.rmtree))
    monkeypatch.setattr(folder.tempfile, "mkdtemp", traced("tempfile.mkdtemp", folder.tempfile.mkdtemp))


def two_reports(tmp_path, first_report):
    """``reports`` holding the first report, and a staging folder beside it holding a new one (other bytes)."""
    from careerlens.report import folder

    _, first, before = first_report
    out = tmp_path / "reports"
    shutil.copytree(first, out)
    with folder._locked(tmp_path):
        staging = Path(tempfile.mkdtemp(prefix=".reports.building-", dir=tmp_path))
    shutil.copytree(first, staging, dirs_exist_ok=True)
    (staging / "index.html").write_text((first / "index.html").read_text().replace("Overview", "Overview (new)"))
    return out, staging, before, folder_bytes(staging)


def atomic_exchange_here(folder_path) -> bool:
    from careerlens.report import folder

    first, second = folder_path / "probe-a", folder_path / "probe-b"
    first.mkdir(), second.mkdir()
    try:
        return folder.exchange(first, second)
    finally:
        first.rmdir(), second.rmdir()


def test_at_every_step_of_the_swap_the_report_folder_holds_a_complete_report(tmp_path, first_report, monkeypatch):
    """The swap's steps are traced once; then, for each step, a forked run of the swap is killed (SIGKILL)
    just before it and just after it. Each time ``reports`` holds one complete report, old or new, byte
    for byte, and the next run's :func:`recover` leaves exactly that report and nothing beside it."""
    from careerlens.report import folder

    if not atomic_exchange_here(tmp_path):
        pytest.skip(f"no atomic exchange of folders on this system or file system ({sys.platform}, {tmp_path}); "
                    "the swap takes two renames there, covered by the test of a kill between them")
    steps = []
    (tmp_path / "traced").mkdir()
    out, staging, old, new = two_reports(tmp_path / "traced", first_report)
    with monkeypatch.context() as patch:
        swap_steps(patch, lambda name, when: steps.append((name, when)))
        folder.swap_in(staging, out)
    assert folder_bytes(out) == new and leftovers(out) == []
    assert ("exchange", "after") in steps and ("os.replace", "before") not in steps

    for number, (name, when) in enumerate(steps):
        case = tmp_path / f"kill-{number}"
        case.mkdir()
        out, staging, old, new = two_reports(case, first_report)
        pid = os.fork()
        if pid == 0:                                  # the child: swap, and die at this step
            try:
                seen = iter(range(len(steps)))
                swap_steps(monkeypatch, lambda *_: os.kill(os.getpid(), signal.SIGKILL)
                           if next(seen) == number else None)
                folder.swap_in(staging, out)
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"not killed {when} {name}"
        assert folder_bytes(out) in (old, new), f"killed {when} {name}: reports is not a complete report"
        expected = folder_bytes(out)
        folder.recover(out)                           # what the next run does first
        assert folder_bytes(out) == expected and leftovers(out) == [], f"killed {when} {name}"
