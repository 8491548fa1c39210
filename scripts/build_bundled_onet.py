"""Build data/onet/onet_knowledge_curriculum.csv, the bundled O*NET Knowledge ratings, from the O*NET files.

Usage::

    python scripts/build_bundled_onet.py [../shared/data/onet/db_29_3] [data/onet]

It loads ``Knowledge.xlsx`` (or ``Knowledge.txt``) and ``Occupation Data.txt``
of an O*NET release with careerlens itself and keeps every Knowledge rating
(importance and level) of the O*NET-SOC occupations under the SOC codes of
the roles in ``data/taxonomy/roles.csv``. The values are O*NET's, unchanged;
the report reads this file when the store holds no O*NET Knowledge ratings.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import careerlens
from careerlens.report.figures import role_soc_codes
from careerlens.resources import read_query

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("Knowledge", "Occupation Data")


def build(source: Path, dest: Path) -> Path:
    files = [path for name in TABLES for path in sorted(source.glob(f"{name}.*"))
             if path.suffix.lower() in (".xlsx", ".txt", ".gz")]
    if {p.name.split(".")[0] for p in files} != set(TABLES):
        raise SystemExit(f"{source} needs {' and '.join(TABLES)} (.txt or .xlsx); found {[p.name for p in files]}")
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / "onet_knowledge_curriculum.csv"
    with tempfile.TemporaryDirectory() as tmp, careerlens.open_database(Path(tmp) / "onet.duckdb") as db:
        careerlens.ingest(db, files)
        extract = db.execute(read_query("bundled_onet_extract"),
                             {"soc_codes": sorted(set(role_soc_codes().values()))}).df()
    if extract["release"].nunique() != 1:
        raise SystemExit(f"expected one O*NET release (from the Read Me.txt beside the files), "
                         f"found {extract['release'].unique().tolist()}")
    extract.to_csv(out, index=False, lineterminator="\n")
    return out


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "onet" / "db_29_3"
    dest = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "data" / "onet"
    print(build(source, dest))
