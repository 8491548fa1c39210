"""Build data/onet/onet_titles.csv.gz, the bundled O*NET occupation, alternate and reported titles.

Usage::

    python scripts/build_bundled_onet_titles.py [../shared/data/onet/db_29_3] [data/onet]

It loads ``Occupation Data``, ``Alternate Titles`` and ``Sample of Reported
Titles`` (``.txt`` or ``.xlsx``) of one O*NET release with careerlens itself,
so the titles are cleaned and checked exactly as a user's own load would be,
and writes every title with its O*NET-SOC code, kind and occupation phrase
(:func:`careerlens.titleclean.occupation_phrase`, computed here so that an ingest
does not clean 65k titles: rebuild after changing ``titleclean``;
``tests/test_soc_coder.py`` checks the phrases are current). The title autocoder
(``careerlens.titlecoder``) reads this file when the store holds no O*NET titles of a
release at least as new.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

import careerlens
from careerlens.titleclean import occupation_phrase

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("Occupation Data", "Alternate Titles", "Sample of Reported Titles")


def build(source: Path, dest: Path) -> Path:
    files = [path for name in TABLES for path in sorted(source.glob(f"{name}.*"))
             if path.suffix.lower() in (".xlsx", ".txt", ".gz")]
    found = {p.name.split(".")[0] for p in files}
    if found != set(TABLES):
        raise SystemExit(f"{source} needs {', '.join(TABLES)} (.txt or .xlsx); found {[p.name for p in files]}")
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / "onet_titles.csv.gz"
    with tempfile.TemporaryDirectory() as tmp, careerlens.open_database(Path(tmp) / "onet.duckdb") as db:
        careerlens.ingest(db, files)
        extract = db.query("bundled_onet_titles_extract")
    if extract["release"].nunique() != 1 or extract["release"].isna().any():
        raise SystemExit(f"expected one O*NET release (from the Read Me.txt beside the files), "
                         f"found {extract['release'].unique().tolist()}")
    extract["phrase"] = [occupation_phrase(title) for title in extract["title"]]
    # mtime=0: the same titles give the same bytes, so a rebuild shows no change in git
    with gzip.GzipFile(out, "wb", mtime=0) as fh:
        fh.write(extract.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return out


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "onet" / "db_29_3"
    dest = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "data" / "onet"
    print(build(source, dest))
