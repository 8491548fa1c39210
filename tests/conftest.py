"""Shared fixtures: the real datasets in ../shared/data and fresh stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import careerlens

SHARED = Path(os.environ.get("CAREERLENS_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def shared_file(relative: str) -> Path:
    """A file under ../shared/data, or skip the test with the reason."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"shared dataset missing: {path} (set CAREERLENS_SHARED_DATA to its folder)")
    return path


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
