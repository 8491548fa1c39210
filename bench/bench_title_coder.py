"""Time the SOC title coder on the distinct titles of a corpus (issue 17): what coding adds to an ingest.

Usage::

    .venv/bin/python bench/bench_title_coder.py bench/corpora/generic_1M.parquet

Reads the distinct title keys of the corpus (not timed: ingest has them already), then times the whole
title mapping the loaders run on them (role and seniority patterns, O*NET index, coder, mapped_titles),
and the coder's share of it, once cold (first in the process: the coder fitted on the bundled O*NET
titles) and once warm, both with the store's ``coded_title_cache`` emptied. The baseline, timed in the same run, is DuckDB's bare read of
the whole corpus into a table (``CREATE TABLE t AS SELECT * FROM read_parquet(...)``), the cheapest load
an ingest of it could be; the cold mapping is reported as a share of it. ``cached_coder_pass_wall_s`` is a
coding pass over titles the cache holds (what a later load of known titles pays). Wall and CPU seconds
are both printed: on a shared machine the CPU seconds are the steadier figure.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import careerlens
from careerlens import normalise

QUERY = Path(__file__).parent / "queries" / "distinct_title_keys.sql"


def timed(work) -> tuple[float, float]:
    """(wall, CPU) seconds of ``work()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(path: str) -> None:
    figures = {"corpus": Path(path).name}
    with careerlens.open_database(":memory:") as db:
        normalise.refresh_taxonomy(db)
        db.execute(QUERY.read_text().split("\n", 1)[1], {"path": path})
        (n,), = db.execute("SELECT count(*) FROM titles_to_map").fetchall()
        figures["distinct_titles"] = n
        uncached = "DELETE FROM coded_title_cache"    # time the coding, not the store's cache of it
        for run in ("cold", "warm"):
            db.execute(uncached)
            figures[f"{run}_mapping_wall_s"], figures[f"{run}_mapping_cpu_s"] = timed(lambda: normalise.map_titles(db))
            db.execute(uncached)
            figures[f"{run}_coder_pass_wall_s"], _ = timed(lambda: normalise.code_titles(db))
        normalise.code_titles(db)   # the titles are in the cache now: what a later load of them pays
        figures["cached_coder_pass_wall_s"], _ = timed(lambda: normalise.code_titles(db))
        figures["bare_read_wall_s"], figures["bare_read_cpu_s"] = timed(
            lambda: db.execute("CREATE OR REPLACE TEMP TABLE bare_read AS SELECT * FROM read_parquet($path)",
                               {"path": path}))
    figures["cold_mapping_per_bare_read_wall"] = figures["cold_mapping_wall_s"] / figures["bare_read_wall_s"]
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}))


if __name__ == "__main__":
    main(*sys.argv[1:])
