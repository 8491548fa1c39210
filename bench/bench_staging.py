"""The staging SQL of one file, this checkout's against another checkout's, alternated in one process.

Staging is what ``careerlens ingest`` does first: read the file (strict CSV, or Parquet into ``generic_raw``)
and clean every field into ``staged_postings``, then (this checkout, issue 20 part 5) number the staged rows
(``postings/number_staged.sql``). Each run executes the SQL files of one ``queries`` folder, in a transaction
of a fresh in-memory store, as a load does: for a Glassdoor-layout CSV ``sources/glassdoor``; for a generic
Parquet file with its sidecar mapping ``sources/generic_read_parquet`` and ``sources/generic``; each followed
by ``postings/number_staged`` where that folder has it. ``--other`` names the other folder (e.g. main's
checkout's ``queries``), so the SQL before and after a change runs on the same DuckDB, in the same process::

    .venv/bin/python bench/bench_staging.py /work/corpora/glassdoor_100k.csv --other MAIN/queries --repeat 3

Prints wall and CPU seconds (this process, all threads: DuckDB's too), medians of ``--repeat``, and the load
average before and after. The gain of a parallel staging only shows in wall seconds on a free core (check
``uptime``); so each run also gives the CPU seconds of its busiest thread (Linux: ``/proc/self/task``), which
holds on a busy machine: however many cores are free, the staging takes at least that long.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import careerlens
from careerlens.db import bound_parameters, split_statements
from careerlens.sources.generic import mapping_params, read_mapping, resolve_columns, sidecar_mapping
from careerlens.sources.probe import probe_file
from careerlens.sources.readers import csv_params

HERE = Path(__file__).resolve().parents[1] / "queries"
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_by_thread() -> dict[str, float]:
    """CPU seconds (user + system) of each thread of this process so far."""
    found = {}
    for thread in os.listdir("/proc/self/task"):
        try:
            fields = Path(f"/proc/self/task/{thread}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:           # the thread ended
            continue
        found[thread] = (int(fields[11]) + int(fields[12])) / TICKS
    return found


def run_file(db, folder: Path, name: str, params: dict):
    """Run every statement of ``folder/name.sql``; the last statement's result."""
    result = None
    for statement in split_statements((folder / f"{name}.sql").read_text()):
        result = db.execute(statement, bound_parameters(statement, params))
    return result


def stage(data_file: Path, folder: Path, memory_limit: str) -> tuple[float, float, float, int]:
    """Stage the file with the SQL of ``folder``: (wall s, CPU s, busiest thread's CPU s, staged rows)."""
    with careerlens.open_database(":memory:") as db:
        db.execute(f"SET memory_limit = '{memory_limit}'")
        run_file(db, folder, "macros", {})
        params = {"path": str(data_file)}
        db.execute("BEGIN TRANSACTION")
        threads_before = cpu_by_thread()
        started, cpu_started = time.perf_counter(), time.process_time()
        if data_file.suffix == ".parquet":
            run_file(db, folder, "sources/generic_read_parquet", params)
            mapping = read_mapping(sidecar_mapping(data_file))
            available = [name for (name,) in run_file(db, folder, "sources/generic_columns", {}).fetchall()]
            run_file(db, folder, "sources/generic", mapping_params(mapping, resolve_columns(mapping, available,
                                                                                           data_file)))
        else:
            run_file(db, folder, "sources/glassdoor", {**params, **csv_params(probe_file(data_file))})
        if (folder / "postings" / "number_staged.sql").exists():
            run_file(db, folder, "postings/number_staged", {"first_row": 0})
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        busiest = max(spent - threads_before.get(thread, 0.0) for thread, spent in cpu_by_thread().items())
        (rows,) = db.execute("SELECT count(*) FROM staged_postings").fetchone()
        db.execute("ROLLBACK")
    return wall, cpu, busiest, rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="a Glassdoor-layout CSV, or a Parquet file with its sidecar mapping")
    parser.add_argument("--other", type=Path, required=True, help="another checkout's queries folder")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-limit", default="3GB")
    args = parser.parse_args(argv)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    runs: dict[str, list] = {"this checkout": [], str(args.other): []}
    for _ in range(args.repeat):
        for label, folder in (("this checkout", HERE), (str(args.other), args.other)):
            wall, cpu, busiest, rows = stage(args.file, folder, args.memory_limit)
            runs[label].append((wall, cpu, busiest))
            print(f"  {label}: {wall:.2f} s wall, {cpu:.2f} s CPU, busiest thread {busiest:.2f} s CPU, "
                  f"{rows:,} rows", flush=True)
    for label, timings in runs.items():
        wall, cpu, busiest = (statistics.median(run[i] for run in timings) for i in range(3))
        print(f"{label}: median {wall:.2f} s wall, {cpu:.2f} s CPU, busiest thread {busiest:.2f} s CPU")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
