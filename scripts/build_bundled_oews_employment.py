"""Build data/oews/oews_may2025_employment.csv, the US employment of every detailed SOC occupation, from the BLS files.

Usage::

    python scripts/build_bundled_oews_employment.py [../shared/data/oews-2025] [data/oews]

It loads the BLS OEWS May 2025 time-series files with careerlens itself and
keeps the national, cross-industry employment of each detailed SOC 2018
occupation. The SOC title coder uses it to choose between occupations O*NET
files one title under ('Sales Associate': Retail Salespersons, the largest).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import careerlens

ROOT = Path(__file__).resolve().parents[1]
RELEASE = "May 2025"


def build(source: Path, dest: Path) -> Path:
    if not source.is_dir():
        raise SystemExit(f"{source} is not a folder of BLS OEWS time-series files (oe.data.*, oe.occupation, ...)")
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / "oews_may2025_employment.csv"
    with tempfile.TemporaryDirectory() as tmp, careerlens.open_database(Path(tmp) / "oews.duckdb") as db:
        careerlens.ingest(db, [source])
        extract = db.query("bundled_oews_employment_extract", {"release": RELEASE})
    if len(extract) < 700:
        raise SystemExit(f"expected the national employment of about 800 occupations for {RELEASE}, found {len(extract)}")
    extract.to_csv(out, index=False, lineterminator="\n")
    return out


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "oews-2025"
    dest = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "data" / "oews"
    print(build(source, dest))
