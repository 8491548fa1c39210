"""A full disk, a read-only file system and a refused permission are said plainly, and leave things as they were.

The full disk is a real one: a 30 MB tmpfs mounted for the test (Linux, as root: CI's fresh machine; skipped,
saying why, elsewhere), into which a store holding the real aijobs survey goes (about 7 MB), then a filler file,
then the real Glassdoor DataAnalyst file (7.6 MB uncompressed, about 19 MB of room while it loads).
"""

import errno
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from careerlens import ingest, open_database, storage
from careerlens.cli import main
from careerlens.db import Database
from tests.conftest import folder_bytes, shared_file
from tests.test_crash_safety import fingerprint

SIZE_MB = 30


def mount(folder, *options):
    """Mount a tmpfs on ``folder``, or skip with the reason it cannot be done here."""
    if not sys.platform.startswith("linux"):
        pytest.skip(f"a small tmpfs is mounted only on Linux, not on {sys.platform}")
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root); run the suite as root to test a full disk")
    if shutil.which("mount") is None:
        pytest.skip("no `mount` command on this machine")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join((f"size={SIZE_MB}m", *options)), "tmpfs",
                           str(folder)], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?): {done.stderr.strip()}")


@pytest.fixture
def small_disk(tmp_path):
    """A 30 MB file system, unmounted after the test."""
    folder = tmp_path / "small"
    folder.mkdir()
    mount(folder)
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder, leave_bytes):
    """Write a filler file so that only ``leave_bytes`` stay free on the file system of ``folder``."""
    filler = folder / "filler"
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(shutil.disk_usage(folder).free - leave_bytes, 0))
    return filler


@pytest.fixture
def survey_store(small_disk):
    """A store on the small disk holding the real aijobs survey, and the real DataAnalyst file to load next."""
    store = small_disk / "store.duckdb"
    with open_database(store) as db:
        ingest(db, [shared_file("aijobs_salaries/salaries.csv.gz")])
    return store, shared_file("glassdoor_data_analyst_2020/DataAnalyst.csv.gz")


def test_a_load_that_will_not_fit_is_refused_before_it_starts(survey_store):
    store, postings = survey_store
    fill(store.parent, 4_000_000)
    before = fingerprint(store)

    result = CliRunner().invoke(main, ["ingest", str(postings), "--db", str(store)])

    assert result.exit_code == 1
    assert f"not enough room to load {postings}" in result.output
    assert "MB needed" in result.output and "MB free" in result.output
    assert "nothing was loaded and the database is unchanged" in result.output
    assert fingerprint(store) == before


def test_a_disk_that_fills_during_the_load_says_so_and_keeps_nothing(survey_store, monkeypatch):
    """With the estimate out of the way, DuckDB itself runs out of room writing the commit's log."""
    store, postings = survey_store
    filler = fill(store.parent, 4_000_000)
    before = fingerprint(store)
    monkeypatch.setattr(storage, "ROOM_FACTOR", 0)

    result = CliRunner().invoke(main, ["ingest", str(postings), "--db", str(store)])

    assert result.exit_code == 1, result.output
    assert f"cannot load {postings}: no space left on the device: {store}" in result.output
    assert "the database is unchanged" in result.output and "internal error" not in result.output
    assert fingerprint(store) == before
    filler.unlink()                           # with room again, the same file loads
    assert CliRunner().invoke(main, ["ingest", str(postings), "--db", str(store)]).exit_code == 0


def test_a_load_whose_checkpoint_fails_says_so_exits_1_and_is_finished_later(survey_store, monkeypatch):
    """The disk fills between the commit and the checkpoint (another program writing, say)."""
    store, postings = survey_store
    checkpoint = Database.checkpoint
    fillers = []

    def disk_fills_first(db):
        fillers.append(fill(store.parent, 0))
        checkpoint(db)

    monkeypatch.setattr(Database, "checkpoint", disk_fills_first)
    result = CliRunner().invoke(main, ["ingest", str(postings), "--db", str(store)])
    monkeypatch.undo()

    assert result.exit_code == 1, result.output
    assert f"{postings} was loaded (2249 rows), but the database file could not take it" in result.output
    assert "no space left on the device" in result.output and "store.duckdb.wal" in result.output
    fillers[0].unlink()
    again = CliRunner().invoke(main, ["ingest", str(postings), "--db", str(store)])
    assert again.exit_code == 0 and "already loaded" in again.output
    assert not store.with_name("store.duckdb.wal").exists()
    assert fingerprint(store)["stored_postings"][0] == 2249


def test_a_report_on_a_full_disk_says_so_and_leaves_the_previous_report(small_disk, first_report):
    db_path, first, before = first_report
    out = small_disk / "reports"
    shutil.copytree(first, out)
    fill(small_disk, 200_000)

    result = CliRunner().invoke(main, ["report", "--db", str(db_path), "--out", str(out)])

    assert result.exit_code == 1
    assert f"cannot write the report to {out}: no space left on the device" in result.output
    assert "the previous report is as it was" in result.output
    assert folder_bytes(out) == before
    assert [p.name for p in small_disk.iterdir() if p.name.startswith(".reports.")] == []


def test_a_read_only_file_system_is_named(small_disk, first_report):
    db_path, _, _ = first_report
    store = small_disk / "store.duckdb"
    shutil.copy(db_path, store)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)

    loading = CliRunner().invoke(main, ["ingest", str(shared_file("kaggle_ds_salaries/ds_salaries.csv")),
                                        "--db", str(store)])
    reporting = CliRunner().invoke(main, ["report", "--db", str(db_path), "--out", str(small_disk / "reports")])

    assert loading.exit_code == 1 and "the file system is read-only" in loading.output, loading.output
    assert reporting.exit_code == 1 and "the file system is read-only" in reporting.output, reporting.output
    assert "choose a folder on a writable file system" in reporting.output


@pytest.mark.parametrize("error, said", [
    (PermissionError(errno.EACCES, "Permission denied", "/srv/reports/index.html"),
     "permission denied: /srv/reports/index.html; choose a folder you may write to"),
    (OSError(errno.EROFS, "Read-only file system", "/mnt/cd/careerlens.duckdb"),
     "the file system is read-only: /mnt/cd/careerlens.duckdb"),
    (RuntimeError('Could not write file "/data/careerlens.duckdb.wal": No space left on device'),
     "no space left on the device: /data/careerlens.duckdb.wal"),
    (RuntimeError('IO Error: Cannot open file "/data/x.duckdb": Permission denied'),
     "permission denied: /data/x.duckdb"),
])
def test_each_refusal_is_put_in_words_with_its_file(error, said):
    assert said in str(storage.storage_error(error))


def test_other_errors_are_not_taken_for_a_full_disk():
    assert storage.storage_error(OSError(errno.ENOENT, "No such file or directory", "x.csv")) is None
    assert storage.storage_error(ValueError("Conversion Error: could not convert 'space' to INT32")) is None
