"""Shared fixtures: the real datasets in ../shared/data and fresh stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

import careerlens

#: Hypothesis profiles (tests/test_properties.py). Under CI (``CI`` set) the examples are derandomized, so a red
#: run is red again on the same code and ``CI=1 python -m pytest tests/test_properties.py`` replays it; elsewhere
#: they are random, so new cases keep being tried. Either way a failure prints the @reproduce_failure blob.
#: (Recent Hypothesis loads a derandomized "ci" profile by itself; declared here, it does not depend on the version.)
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", parent=settings.get_profile("default"), print_blob=True)


def hypothesis_profile(environ=os.environ) -> str:
    """``$HYPOTHESIS_PROFILE`` if set, else 'ci' under CI and 'dev' elsewhere."""
    return environ.get("HYPOTHESIS_PROFILE") or ("ci" if environ.get("CI") else "dev")


settings.load_profile(hypothesis_profile())

SHARED = Path(os.environ.get("CAREERLENS_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def shared_file(relative: str) -> Path:
    """A file under ../shared/data, or skip the test with the reason."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"shared dataset missing: {path} (set CAREERLENS_SHARED_DATA to its folder)")
    return path


@pytest.fixture(scope="session", autouse=True)
def coder_cache_folder(tmp_path_factory):
    """The session's cache folder (the fitted title coder, careerlens.codercache): never the user's own."""
    folder = tmp_path_factory.mktemp("careerlens-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAREERLENS_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture
def db():
    """An empty in-memory store."""
    with careerlens.open_database(":memory:") as store:
        yield store


@pytest.fixture
def db_file(tmp_path):
    """The path of a not-yet-created store file."""
    return tmp_path / "careerlens.duckdb"


def posting_at(db, file_name, row):
    """The posting stored for (file name, 1-based row), following a duplicate to its kept copy."""
    found = db.sql(
        "SELECT p.* FROM posting_occurrences o JOIN sources s USING (file_id) "
        "JOIN postings p USING (posting_id) WHERE s.file_name = ? AND o.source_row = ?",
        [file_name, row])
    assert len(found) == 1, f"no posting stored for {file_name} row {row}"
    return found.iloc[0]


#: The six posting folders of ../shared/data: what the classifier's accuracy is measured on (docs/accuracy.md).
POSTING_CORPORA = ["glassdoor_data_analyst_2020", "glassdoor_kenjee_ds_salary_proj", "glassdoor_uncleaned_ds_jobs",
                   "indeed_ethical_tech_postings_2020", "linkedin_california_data_jobs_2018",
                   "linkedin_job_postings_2023_2024"]


@pytest.fixture(scope="session")
def shared_postings(tmp_path_factory):
    """The path of a store holding the six posting folders, loaded once for every test that only reads them
    (tests that store models make their own)."""
    from careerlens.ingest import ingest

    for folder in POSTING_CORPORA:
        shared_file(folder)
    path = tmp_path_factory.mktemp("shared-postings") / "shared.duckdb"
    with careerlens.open_database(path) as db:
        ingest(db, [SHARED / folder for folder in POSTING_CORPORA])
    return path


def folder_bytes(folder: Path) -> dict:
    """Every file of a folder (not its subfolders) by name, with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="session")
def first_report(tmp_path_factory):
    """A store built from the bundled default data, and a complete report of it with every file's bytes."""
    from careerlens.firstrun import build_default_database
    from careerlens.report import build_report

    folder = tmp_path_factory.mktemp("report")
    db_path = build_default_database(folder / "store.duckdb")
    with careerlens.open_database(db_path, read_only=True) as db:
        index = build_report(db, out=folder / "reports")
    return db_path, index.parent, folder_bytes(index.parent)


#: strict_csv_unnumbered (queries/macros.sql) with 16 KiB read buffers: DuckDB's parallel reader then starts a thread
#: every 16 KiB (its default is megabytes), so a file of a few MB is read in many parallel pieces.
SMALL_BUFFER_STRICT_CSV = """
CREATE OR REPLACE MACRO strict_csv_unnumbered(csv_path, csv_delim, csv_quote, csv_columns) AS TABLE
    SELECT *
    FROM read_csv(csv_path, header = true, auto_detect = false, delim = csv_delim, quote = csv_quote,
                  escape = csv_quote, strict_mode = true, columns = csv_columns, buffer_size = 16384,
                  parallel = coalesce(getvariable('strict_csv_parallel'), true))"""


@pytest.fixture
def small_csv_buffers(monkeypatch):
    """Every store opened in the test reads delimited files in 16 KiB pieces, on at least two threads."""
    from careerlens.db import Database

    run_script = Database.run_script

    def with_small_buffers(self, name, *args, **kwargs):
        run_script(self, name, *args, **kwargs)
        if name == "macros":
            self.execute(SMALL_BUFFER_STRICT_CSV)
            self.execute("SET threads = 4")     # several readers, whatever the machine

    monkeypatch.setattr(Database, "run_script", with_small_buffers)


@pytest.fixture
def read_attempts(monkeypatch):
    """Which reader each attempt at a file used, in order: True for the parallel reader, False for one reader."""
    import importlib

    load_stage = importlib.import_module("careerlens.ingest")   # `careerlens.ingest` is also the function
    attempts = []
    load = load_stage._load_in_one_transaction

    def recording(*args, parallel_read):
        attempts.append(parallel_read)
        return load(*args, parallel_read=parallel_read)

    monkeypatch.setattr(load_stage, "_load_in_one_transaction", recording)
    return attempts
