"""Benchmark: ``careerlens classify`` on this machine's cores against ``--engine dask`` on a local Dask cluster.

Both run as whole processes on copies of the same store, with the same model:

* local: ``careerlens classify`` (batches of 10,000 on worker threads, one a core, at most four);
* dask: ``careerlens classify --engine dask``, the round trip (export as Parquet, score on a local cluster of
  one single-threaded worker process a core, import in one transaction).

Time is wall seconds of the whole command; peak memory is the highest sum of the resident memory of the command
and every process under it (the Dask scheduler and workers included), sampled every 0.1 s. The two stores'
``posting_topics`` are then compared row by row. Run::

    .venv/bin/python bench/bench_dask.py --db /work/memstores/store_100k.duckdb --model-from /work/memstores/store_1M.duckdb
    .venv/bin/python bench/bench_dask.py --db /work/memstores/store_1M.duckdb --work /tmp/bench-dask

The stores are copied into ``--work`` and never modified.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

COMPARE = """
SELECT count(*) AS rows_local,
       (SELECT count(*) FROM d.posting_topics) AS rows_dask,
       count(t.posting_id) AS rows_matched,
       coalesce(max(abs(l.score - t.score)), 0) AS max_score_difference,
       count(*) FILTER (WHERE t.posting_id IS NOT NULL AND (l.evidence IS DISTINCT FROM t.evidence
                                                            OR l.is_positive <> t.is_positive)) AS rows_differing
FROM posting_topics l
LEFT JOIN d.posting_topics t USING (posting_id, topic_id, model_id)
"""


def careerlens() -> list[str]:
    return [str(Path(sys.executable).with_name("careerlens"))]


def measured(argv, env) -> dict:
    """Run argv; its wall seconds, peak RSS summed over its process tree (MiB), and its output."""
    import psutil

    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak, done = [0], threading.Event()

    def sample():
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                tree = [root] + root.children(recursive=True)
                peak[0] = max(peak[0], sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({process.returncode}):\n{output[-3000:]}")
    return {"seconds": round(seconds, 2), "peak_rss_mib": round(peak[0] / 2**20), "output": output.strip()}


def copy_store(source: Path, target: Path, model_from: Path | None):
    """Copy the store (migrated to this careerlens's schema), with the stored models of ``model_from`` added."""
    import careerlens

    shutil.copy(source, target)
    with careerlens.open_database(target) as db:
        if model_from is not None:
            # (read as plain rows: the other store may be of an older schema, which careerlens opens only to write)
            db.execute(f"ATTACH '{model_from}' AS other (READ_ONLY)")
            db.execute("INSERT OR REPLACE INTO classifier_models SELECT * FROM other.classifier_models")
            db.execute("DETACH other")
        db.execute("DELETE FROM posting_topics")
        return int(db.execute("SELECT count(*) FROM stored_postings").fetchone()[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="A careerlens store with postings (copied; never modified).")
    parser.add_argument("--model-from", help="Copy the newest model of this store (else the --db store's newest).")
    parser.add_argument("--work", default="bench/out/dask", help="Where the copies go (removed at the end).")
    parser.add_argument("--out", default="bench/out/dask_results.json")
    parser.add_argument("--memory-limit", default="3GB", help="CAREERLENS_MEMORY_LIMIT of both commands.")
    parser.add_argument("--resume", action="store_true",
                        help="Keep the local run of an earlier, failed run (its --work and --out) and run dask only.")
    args = parser.parse_args()

    work = Path(args.work)
    env = {**os.environ, "CAREERLENS_MEMORY_LIMIT": args.memory_limit, "CAREERLENS_TEMP_DIR": str(work / "spill")}
    local, dask = work / "local.duckdb", work / "dask.duckdb"
    if args.resume:
        results = json.loads(Path(args.out).read_text())
        n = results["postings"]
    else:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        n = copy_store(Path(args.db), local, Path(args.model_from) if args.model_from else None)
        shutil.copy(local, dask)
        load = os.getloadavg()[0]
        print(f"{n:,} postings, {os.cpu_count()} cores, load average {load:.1f}", flush=True)
        results = {"postings": n, "cores": os.cpu_count(), "load_average_at_start": round(load, 1)}
        results["local"] = measured(careerlens() + ["classify", "--db", str(local)], env)
        print(f"local: {results['local']['seconds']} s, peak {results['local']['peak_rss_mib']:,} MiB", flush=True)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(results, indent=1))
    results["load_average_at_dask_start"] = round(os.getloadavg()[0], 1)
    results["dask"] = measured(careerlens() + ["classify", "--engine", "dask", "--db", str(dask)], env)
    print(f"dask:  {results['dask']['seconds']} s, peak {results['dask']['peak_rss_mib']:,} MiB", flush=True)
    import duckdb

    with duckdb.connect(str(local), read_only=True) as con:
        con.execute(f"ATTACH '{dask}' AS d (READ_ONLY)")
        row = con.execute(COMPARE).fetchone()
    results["comparison"] = dict(zip(["rows_local", "rows_dask", "rows_matched", "max_score_difference",
                                      "rows_differing"], [float(v) if isinstance(v, float) else v for v in row]))
    for engine in ("local", "dask"):
        results[engine]["postings_per_second"] = round(n / results[engine]["seconds"])
    results["dask_over_local_time"] = round(results["dask"]["seconds"] / results["local"]["seconds"], 2)
    print(json.dumps({k: v for k, v in results.items() if k not in ("local", "dask")}, indent=1))
    for engine in ("local", "dask"):
        print(f"--- {engine} output\n{results[engine]['output']}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=1))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
