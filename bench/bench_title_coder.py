"""Time the SOC title coder on the distinct titles of a corpus (issue 17): what coding adds to an ingest.

Usage::

    .venv/bin/python bench/bench_title_coder.py bench/corpora/generic_1M.parquet

Reads the distinct title keys of the corpus (not timed: ingest has them already), then times the whole
title mapping the loaders run on them (role and seniority patterns, O*NET index, coder, mapped_titles),
and the coder's share of it, once with the coder cold (fitted on the bundled O*NET titles) and once warm.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import careerlens
from careerlens import normalise


QUERY = Path(__file__).parent / "queries" / "distinct_title_keys.sql"


def main(path: str) -> None:
    with careerlens.open_database(":memory:") as db:
        normalise.refresh_taxonomy(db)
        db.execute(QUERY.read_text().split("\n", 1)[1], {"path": path})
        (n,), = db.execute("SELECT count(*) FROM titles_to_map").fetchall()
        for run in ("cold", "warm"):
            start = time.perf_counter()
            normalise.map_titles(db)
            total = time.perf_counter() - start
            start = time.perf_counter()
            normalise.code_titles(db)
            coder = time.perf_counter() - start
            print(f"{run}: {n} distinct titles, whole title mapping {total:.2f} s, of which a coder pass {coder:.2f} s")


if __name__ == "__main__":
    main(*sys.argv[1:])
