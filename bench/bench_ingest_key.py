"""The content key inside a whole ingest: today's block key against the row-by-row key, alternated.

Each run is one fresh process that ingests FILE into a fresh store in process (as
``careerlens ingest`` does, ``CAREERLENS_MEMORY_LIMIT`` and all), keying the staged
rows either with today's ``normalise.staged_posting_ids`` (``blocks``) or with the
row-by-row key contentkey used before it (``row-by-row``, from bench_ingest_parts.py;
the same ids). A fresh process each time, because the title coder is fitted once per
process, in a background thread that is often still running when the key step starts;
each run says whether it was. Prints the key step's and the whole ingest's wall and
CPU seconds (the process's, all threads), and their medians per way::

    .venv/bin/python bench/bench_ingest_key.py bench/corpora/glassdoor_100k.csv --repeat 3

``--coder-fitted`` first ingests the file into a throwaway store in the same process, so the
timed ingest finds the title coder fitted (what an ingest costs without the fit and its
TF-IDF index; coding the file's titles is still timed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

WAYS = ("row-by-row", "blocks")


def one_run(way: str, data_file: Path, *, coder_fitted: bool = False) -> dict:
    """Ingest ``data_file`` into a fresh store in this process, keying its rows the ``way`` given."""
    import pyarrow as pa

    import careerlens
    from careerlens import normalise
    from careerlens.ingest import ingest

    from bench_ingest_parts import row_by_row_ids

    blocks = normalise.staged_posting_ids
    seen = {}

    def coder_running() -> bool:
        return any(t.name == "careerlens-title-coder" for t in threading.enumerate())

    def keyed(db, **options):
        seen["coder_running_at_start"] = coder_running()
        wall, cpu = time.perf_counter(), time.process_time()
        if way == "blocks":
            ids = blocks(db, **options)
        else:
            by_row = row_by_row_ids(db)
            ids = pa.table({"source_row": pa.array(list(by_row), pa.int64()),
                            "posting_id": pa.array(list(by_row.values()), pa.string())})
        seen["key_seconds"], seen["key_cpu_seconds"] = time.perf_counter() - wall, time.process_time() - cpu
        seen["coder_running_at_end"] = coder_running()
        return ids

    normalise.staged_posting_ids = keyed
    with tempfile.TemporaryDirectory() as work:
        if coder_fitted:
            with careerlens.open_database(Path(work) / "first.duckdb") as db:
                ingest(db, [data_file])
        wall, cpu = time.perf_counter(), time.process_time()
        with careerlens.open_database(Path(work) / "store.duckdb") as db:
            ingest(db, [data_file])
        seen["ingest_seconds"], seen["ingest_cpu_seconds"] = time.perf_counter() - wall, time.process_time() - cpu
    return seen


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--coder-fitted", action="store_true",
                        help="time an ingest that finds the title coder fitted (a first ingest in the same process)")
    parser.add_argument("--one", choices=WAYS, help=argparse.SUPPRESS)   # one run, in this process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_run(args.one, args.files[0], coder_fitted=args.coder_fitted)))
        return
    env = {**os.environ, "CAREERLENS_MEMORY_LIMIT": os.environ.get("CAREERLENS_MEMORY_LIMIT", "3GB")}
    for data_file in args.files:
        runs: dict[str, list] = {way: [] for way in WAYS}
        for repeat in range(args.repeat):
            for way in WAYS:
                command = [sys.executable, __file__, str(data_file.resolve()), "--one", way]
                out = subprocess.run(command + (["--coder-fitted"] if args.coder_fitted else []), env=env,
                                     check=True, capture_output=True, text=True).stdout
                run = json.loads(out.strip().splitlines()[-1])
                runs[way].append(run)
                print(f"  {data_file.name} run {repeat + 1} {way:10s}: key {run['key_seconds']:.2f} s "
                      f"({run['key_cpu_seconds']:.2f} CPU s; title coder running at its start "
                      f"{run['coder_running_at_start']}, at its end {run['coder_running_at_end']}), ingest "
                      f"{run['ingest_seconds']:.2f} s ({run['ingest_cpu_seconds']:.2f} CPU s)", flush=True)
        print(f"{data_file.name}, median of {args.repeat}:")
        for way, r in runs.items():
            median = {k: statistics.median(x[k] for x in r) for k in
                      ("key_seconds", "key_cpu_seconds", "ingest_seconds", "ingest_cpu_seconds")}
            print(f"  {way:10s} key {median['key_seconds']:.2f} s ({median['key_cpu_seconds']:.2f} CPU s), "
                  f"ingest {median['ingest_seconds']:.2f} s ({median['ingest_cpu_seconds']:.2f} CPU s)", flush=True)


if __name__ == "__main__":
    main()
