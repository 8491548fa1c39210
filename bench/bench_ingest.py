"""Ingest throughput against DuckDB's bare read of the same file, in the same run.

For each file given (CSV, or Parquet with its ``.careerlens.toml`` sidecar, as bench/run.py
ingests it), ``--repeat`` times (3 by default), alternately:

* ``careerlens ingest --db FRESH.duckdb FILE`` as its own process, and
* ``bench/baselines.py read_csv FILE FRESH.duckdb``: DuckDB's bare
  ``CREATE TABLE t AS SELECT * FROM read_csv(FILE)`` into a fresh database file
  (sniffed dialect and types, parallel reader, no checks; ``read_parquet`` for a Parquet
  file; the JSON keeps the key ``bare_read_csv`` for both), as bench/run.py measures it,

and, with ``--compare CAREERLENS``, another careerlens executable (another checkout's
``.venv/bin/careerlens``, e.g. main's) on the same file in the same alternation,
all under GNU time (wall seconds, CPU %, peak RSS) with the same DuckDB memory limit
and spill folder. Prints the medians and the ratio bare / careerlens (1.0 =
as fast as the bare read; the target is >= 0.5), and writes them as JSON.

``--coder-cache`` says where the SOC title coder comes from (careerlens.codercache): ``warm`` (the
default, what every ingest but a user's first finds) gives every careerlens run a cache folder the
benchmark filled beforehand; ``cold`` a fresh empty one for each run (the coder is fitted and written);
``both`` times each file both ways in the same alternation. ``--compare`` runs get the warm folder, filled
by the compared careerlens too (the ``python`` beside it), since a change to the coder's code changes
the fingerprint its file is kept under (a careerlens without the cache ignores the folder).

``--stages`` adds one in-process ingest per file that times every SQL
statement, summed per query file, and the Python steps (the file's sha256, the
content key, the title coder), plus the rest (the commit): where the time goes.

Example::

    .venv/bin/python bench/bench_ingest.py /tmp/postings_100k.csv --stages --json bench/out/ingest.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
GNU_TIME = "/usr/bin/time"


def timed(argv, env) -> dict:
    """Run ``argv`` under GNU time: wall seconds and peak RSS bytes."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as stats:
        started = time.perf_counter()
        done = subprocess.run([GNU_TIME, "-o", stats.name, "-f", "%P %M", *argv], env=env,
                              capture_output=True, text=True)
        wall = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(f"failed (exit {done.returncode}): {' '.join(argv)}\n{done.stdout[-2000:]}{done.stderr[-4000:]}")
        cpu_percent, peak_kb = stats.read().split()[-2:]
    # CPU%: (user + sys) / wall; 200% would keep both cores of this machine busy.
    return {"seconds": wall, "peak_rss_bytes": int(peak_kb) * 1024, "cpu_percent": int(cpu_percent.rstrip("%"))}


def bare_reader(data_file: Path) -> str:
    """The baseline reader for the file: read_parquet for Parquet (ingested with its sidecar mapping), else read_csv."""
    return "read_parquet" if data_file.suffix.lower() == ".parquet" else "read_csv"


def fresh(path: Path) -> Path:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    return path


def coder_cache(work: Path, kind: str, env: dict, python: str = sys.executable) -> Path:
    """The folder a careerlens run reads its title coder from: ``warm`` filled once (by ``python``'s careerlens,
    since each careerlens keeps the coder under its own fingerprint), ``cold`` empty every time."""
    import shutil

    folder = work / f"coder-cache-{kind}"
    if kind == "cold":
        shutil.rmtree(folder, ignore_errors=True)
    elif (folder, python) not in _FILLED:
        fill = ("from careerlens.db import Database; from careerlens import normalise\n"
                "with Database(':memory:') as db:\n"
                "    normalise.index_onet_titles(db); normalise.fitted_coder(db)")
        subprocess.run([python, "-c", fill], env={**env, "CAREERLENS_CACHE_DIR": str(folder)}, check=True)
        _FILLED.add((folder, python))
    return folder


_FILLED: set = set()    # (warm folder, python) pairs filled by this benchmark run (a fill that finds its file reads it)


def stages(data_file: Path, store: Path, memory_limit: str, spill: Path) -> dict:
    """One in-process ingest with every statement timed, summed per query file, and the Python steps timed.

    The Python steps (PYTHON_STEPS) run no SQL of their own through ``Database.execute``, so they are
    apart from the query files; the title coder's fit runs in a background thread beside the staging
    (``normalise.start_fitting_coder``), so its seconds overlap the others'. CPU seconds are the
    process's (all threads) while a step runs.
    """
    import importlib

    from careerlens.db import Database

    ingest = importlib.import_module("careerlens.ingest").ingest
    # each file reads (or fits) the coder, as a process does
    importlib.import_module("careerlens.normalise")._FITTED_CODERS.clear()
    seconds: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    current = ["(outside run_script)"]
    plain_run_script = Database.run_script

    def run_script(self, name, params=None):
        current.append(name)
        try:
            return plain_run_script(self, name, params)
        finally:
            current.pop()

    database = Database(fresh(store), memory_limit=memory_limit, temp_directory=spill)
    plain_execute = database.execute

    def execute(sql, params=None):
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            return plain_execute(sql, params)
        finally:
            seconds[current[-1]] += time.perf_counter() - started
            cpu[current[-1]] += time.process_time() - cpu_started

    def timed_step(label, function):
        def step(*args, **kwargs):
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                python_seconds[label] += time.perf_counter() - started
                python_cpu[label] += time.process_time() - cpu_started
        return step

    python_seconds: dict[str, float] = defaultdict(float)
    python_cpu: dict[str, float] = defaultdict(float)
    patched = []
    for module, attribute, label in PYTHON_STEPS:
        owner = importlib.import_module(module)
        if "." in attribute:
            owner_name, attribute = attribute.split(".")
            owner = getattr(owner, owner_name)
        patched.append((owner, attribute, getattr(owner, attribute)))
        setattr(owner, attribute, timed_step(label, getattr(owner, attribute)))
    database.execute = execute
    Database.run_script = run_script
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        (result,) = ingest(database, [data_file])
        total, total_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    finally:
        Database.run_script = plain_run_script
        for owner, attribute, original in patched:
            setattr(owner, attribute, original)
        database.close()
        fresh(store)
    main_thread = [label for _, _, label in PYTHON_STEPS if not label.startswith("(background)")]
    outside = "(outside SQL and the steps above: commit, Python glue)"
    seconds[outside] = total - sum(seconds.values()) - sum(python_seconds[label] for label in main_thread)
    cpu[outside] = total_cpu - sum(cpu.values()) - sum(python_cpu[label] for label in main_thread)
    seconds.update(python_seconds)
    cpu.update(python_cpu)
    breakdown = {name: {"seconds": seconds[name], "cpu_seconds": cpu[name]}
                 for name in sorted(seconds, key=lambda name: -seconds[name])}
    return {"total_seconds": total, "total_cpu_seconds": total_cpu, "rows_read": result.rows_read,
            "rows_loaded": result.rows_loaded, "rows_duplicate": result.rows_duplicate, "by_query": breakdown}


#: (module, function, label) of the Python steps of an ingest that --stages times beside the query files.
PYTHON_STEPS = (
    ("careerlens.ingest", "file_sha256", "(Python) sha256 of the file"),
    ("careerlens.normalise", "staged_posting_ids", "(Python) content key of every staged row"),
    ("careerlens.titlecoder", "TitleCoder.code", "(Python) title coder: coding the file's titles"),
    ("careerlens.titlecoder", "TitleCoder.fit", "(background) title coder: fit on the O*NET titles"),
    ("careerlens.titlecoder", "TitleCoder.neighbour_index", "(background) title coder: TF-IDF index"),
    ("careerlens.codercache", "load_coder", "(background) title coder: read from the cache folder"),
    ("careerlens.codercache", "save_coder", "(background) title coder: written to the cache folder"),
)


def measure(data_file: Path, args, env, work: Path) -> dict:
    careerlens = str(Path(sys.executable).with_name("careerlens"))
    bounds = ["--memory-limit", args.memory_limit, "--temp-directory", str(work / "spill")]
    ours, bare, other = [], [], []
    cold = []
    kinds = ["warm", "cold"] if args.coder_cache == "both" else [args.coder_cache]
    if args.stages_only:
        return {"file": str(data_file), "file_bytes": data_file.stat().st_size,
                "stages": in_process_stages(data_file, args, env, work)}
    for repeat in range(args.repeat):
        store = fresh(work / "ingest.duckdb")
        for kind in kinds:
            runs = cold if kind == "cold" and len(kinds) == 2 else ours
            runs.append(timed([careerlens, "ingest", "--db", str(store), str(data_file)],
                              {**env, "CAREERLENS_CACHE_DIR": str(coder_cache(work, kind, env))}))
            fresh(store)
        if args.compare:
            folder = coder_cache(work, "warm", env, str(args.compare.with_name("python")))
            other.append(timed([str(args.compare), "ingest", "--db", str(store), str(data_file)],
                               {**env, "CAREERLENS_CACHE_DIR": str(folder)}))
            fresh(store)
        target = fresh(work / "bare.duckdb")
        bare.append(timed([sys.executable, str(BENCH / "baselines.py"), bare_reader(data_file), str(data_file),
                           str(target), *bounds], env))
        fresh(target)
        print(f"  {data_file.name} run {repeat + 1}: ingest {ours[-1]['seconds']:.2f} s "
              f"({ours[-1]['cpu_percent']}% CPU), bare {bare_reader(data_file)} {bare[-1]['seconds']:.2f} s "
              f"({bare[-1]['cpu_percent']}% CPU)"
              + (f", cold coder cache {cold[-1]['seconds']:.2f} s ({cold[-1]['cpu_percent']}% CPU)" if cold else "")
              + (f", compared {other[-1]['seconds']:.2f} s ({other[-1]['cpu_percent']}% CPU)" if other else ""),
              flush=True)
    size = data_file.stat().st_size
    result = {"file": str(data_file), "file_bytes": size}
    result["coder_cache"] = args.coder_cache if args.coder_cache != "both" else "warm (cold: careerlens_ingest_cold)"
    for side, runs in (("careerlens_ingest", ours), ("bare_read_csv", bare), ("compared_ingest", other),
                       ("careerlens_ingest_cold", cold)):
        if not runs:
            continue
        median = statistics.median(r["seconds"] for r in runs)
        result[side] = {"median_seconds": median, "mb_per_second": size / 1e6 / median,
                        "median_cpu_percent": statistics.median(r["cpu_percent"] for r in runs),
                        # CPU seconds (user + sys) move less than wall seconds on a machine shared with other jobs
                        "median_cpu_seconds": statistics.median(r["seconds"] * r["cpu_percent"] / 100 for r in runs),
                        "peak_rss_bytes": max(r["peak_rss_bytes"] for r in runs), "runs": runs}
    result["ratio"] = result["bare_read_csv"]["median_seconds"] / result["careerlens_ingest"]["median_seconds"]
    if other:
        result["compared_executable"] = str(args.compare)
        result["compared_ratio"] = result["bare_read_csv"]["median_seconds"] / result["compared_ingest"]["median_seconds"]
    if cold:
        result["cold_ratio"] = (result["bare_read_csv"]["median_seconds"]
                                / result["careerlens_ingest_cold"]["median_seconds"])
    if args.stages:
        result["stages"] = in_process_stages(data_file, args, env, work)
    return result


def in_process_stages(data_file: Path, args, env, work: Path) -> dict:
    """:func:`stages` with the coder cache folder ``--coder-cache`` names (``both``: warm)."""
    folder = coder_cache(work, "cold" if args.coder_cache == "cold" else "warm", env)
    plain = os.environ.get("CAREERLENS_CACHE_DIR")
    os.environ["CAREERLENS_CACHE_DIR"] = str(folder)
    try:
        return stages(data_file, work / "stages.duckdb", args.memory_limit, work / "spill")
    finally:
        if plain is None:
            del os.environ["CAREERLENS_CACHE_DIR"]
        else:
            os.environ["CAREERLENS_CACHE_DIR"] = plain


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path,
                        help="postings files: CSV (e.g. Glassdoor layout) or Parquet with a sidecar mapping")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-limit", default="3GB", help="DuckDB memory limit for both sides")
    parser.add_argument("--work", type=Path, default=BENCH / "out" / "ingest_work")
    parser.add_argument("--stages", action="store_true", help="also time each query file in-process")
    parser.add_argument("--stages-only", action="store_true", help="only the in-process stage timing")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--compare", type=Path, metavar="CAREERLENS",
                        help="another careerlens executable (e.g. main's checkout) to time in the same alternation")
    parser.add_argument("--coder-cache", choices=("warm", "cold", "both"), default="warm",
                        help="the title coder read from a filled cache folder (warm), fitted and written in "
                             "each run (cold), or each file timed both ways [default: warm]")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    (args.work / "spill").mkdir(exist_ok=True)
    env = {**os.environ, "CAREERLENS_MEMORY_LIMIT": args.memory_limit,
           "CAREERLENS_TEMP_DIR": str(args.work / "spill")}
    env.pop("CAREERLENS_DB", None)
    results = []
    for data_file in args.files:
        result = measure(data_file.resolve(), args, env, args.work)
        results.append(result)
        if "ratio" in result:
            ours, bare = result["careerlens_ingest"], result["bare_read_csv"]
            print(f"{data_file.name}: {result['file_bytes'] / 1e6:.0f} MB; ingest {ours['median_seconds']:.2f} s "
                  f"({ours['mb_per_second']:.0f} MB/s, {ours['median_cpu_percent']:.0f}% CPU, "
                  f"{ours['median_cpu_seconds']:.1f} CPU s, "
                  f"peak {ours['peak_rss_bytes'] / 2**30:.2f} GiB); bare {bare_reader(data_file)} "
                  f"{bare['median_seconds']:.2f} s ({bare['mb_per_second']:.0f} MB/s, {bare['median_cpu_percent']:.0f}% CPU, "
                  f"{bare['median_cpu_seconds']:.1f} CPU s, "
                  f"peak {bare['peak_rss_bytes'] / 2**30:.2f} GiB); ratio {result['ratio']:.2f}x", flush=True)
            if "careerlens_ingest_cold" in result:
                them = result["careerlens_ingest_cold"]
                print(f"  cold coder cache: {them['median_seconds']:.2f} s ({them['median_cpu_percent']:.0f}% CPU, "
                      f"{them['median_cpu_seconds']:.1f} CPU s, "
                      f"peak {them['peak_rss_bytes'] / 2**30:.2f} GiB); ratio {result['cold_ratio']:.2f}x", flush=True)
            if "compared_ingest" in result:
                them = result["compared_ingest"]
                print(f"  compared {args.compare}: {them['median_seconds']:.2f} s ({them['median_cpu_percent']:.0f}% CPU, "
                      f"{them['median_cpu_seconds']:.1f} CPU s, "
                      f"peak {them['peak_rss_bytes'] / 2**30:.2f} GiB); ratio {result['compared_ratio']:.2f}x", flush=True)
        if "stages" in result:
            stage = result["stages"]
            print(f"  in-process ingest: {stage['total_seconds']:.2f} s wall, {stage['total_cpu_seconds']:.2f} s CPU")
            for name, spent in stage["by_query"].items():
                print(f"    {spent['seconds']:7.2f} s wall {spent['cpu_seconds']:7.2f} s CPU  {name}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"cores": os.cpu_count(), "memory_limit": args.memory_limit,
                                         "repeat": args.repeat, "results": results}, indent=2))


if __name__ == "__main__":
    main()
