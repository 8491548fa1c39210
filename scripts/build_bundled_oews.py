"""Build data/oews/oews_may2025_curriculum.parquet, the bundled OEWS default, from the BLS files.

Usage::

    python scripts/build_bundled_oews.py [../shared/data/oews-2025] [data/oews]

It loads the BLS OEWS May 2025 time-series files with careerlens itself and
keeps the occupations a maths, data and AI curriculum feeds into (SOC 15-1xxx,
15-2xxx, 13-1111, 13-2xxx, 11-3021, 19-xxxx, their major groups and the
all-occupations total), nationally for every industry level and by state
across industries. The values are BLS's, unchanged.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import careerlens
from careerlens.resources import read_query

ROOT = Path(__file__).resolve().parents[1]


def build(source: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / "oews_may2025_curriculum.parquet"
    with tempfile.TemporaryDirectory() as tmp, careerlens.open_database(Path(tmp) / "oews.duckdb") as db:
        careerlens.ingest(db, [source])
        extract = read_query("bundled_oews_extract")
        db.execute(f"COPY ({extract}) TO '{out}' (FORMAT parquet, COMPRESSION zstd)")
    return out


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "oews-2025"
    dest = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "data" / "oews"
    print(build(source, dest))
