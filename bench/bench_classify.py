"""Benchmark: `classify` throughput against DuckDB's own regexp scan for the topic names.

Both run in the same process on the same postings (title and description):

* baseline: one ``regexp_matches(text, '(?i)\\bNAME\\b')`` per topic name, vectorised
  and multi-threaded inside DuckDB, the cheapest thing that could be called
  keyword matching;
* careerlens: ``classify_postings`` (candidate pass, context model, evidence,
  writing ``posting_topics``) with a model trained beforehand (not timed).

The issue's bar is a ratio of at least 0.7. Run::

    .venv/bin/python bench/bench_classify.py                 # ingests ../shared/data posting files
    .venv/bin/python bench/bench_classify.py --db my.duckdb  # a store that already holds postings
    .venv/bin/python bench/bench_classify.py --scale 10      # 10 copies of every posting

Prints postings per second for both, the ratio, and the peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

POSTING_FOLDERS = [
    "glassdoor_data_analyst_2020", "glassdoor_kenjee_ds_salary_proj", "glassdoor_uncleaned_ds_jobs",
    "indeed_ethical_tech_postings_2020", "linkedin_california_data_jobs_2018", "linkedin_job_postings_2023_2024",
]


def baseline_sql(curriculum) -> str:
    # The column list follows the curriculum, so this one query is built here (names are constants).
    names = [topic.name.lower().replace("'", "''") for topic in curriculum.topics]
    columns = ",\n       ".join(f"regexp_matches(text, '(?i)\\b{name}\\b') AS t{i}" for i, name in enumerate(names))
    return (f"SELECT posting_id,\n       {columns}\n"
            "FROM (SELECT posting_id, coalesce(title, '') || chr(10) || coalesce(description, '') AS text "
            "FROM stored_postings)")


def best_of(repeats, work):
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def prepare(args, workdir: Path) -> Path:
    from careerlens import open_database
    from careerlens.ingest import ingest

    path = workdir / "bench.duckdb"
    if args.db:
        shutil.copy(args.db, path)
    else:
        shared = Path(args.shared)
        folders = [shared / f for f in POSTING_FOLDERS if (shared / f).exists()]
        if not folders:
            sys.exit(f"no posting datasets under {shared}; pass --db or --shared")
        with open_database(path) as db:
            ingest(db, folders)
    if args.scale > 1:
        with open_database(path) as db:
            db.execute("CREATE TEMP TABLE one_copy AS SELECT * FROM stored_postings")
            for copy in range(1, args.scale):
                db.execute("INSERT INTO stored_postings SELECT * REPLACE (posting_id || '-' || ? AS posting_id) "
                           "FROM one_copy", [str(copy)])
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="A careerlens store with postings (copied; never modified).")
    parser.add_argument("--shared", default=os.environ.get(
        "CAREERLENS_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--scale", type=int, default=1, help="Copies of every posting (memory and batching).")
    parser.add_argument("--repeats", type=int, default=3, help="Best of this many runs each.")
    args = parser.parse_args()

    from careerlens import open_database
    from careerlens.classify import classify_postings, train

    with tempfile.TemporaryDirectory() as tmp:
        path = prepare(args, Path(tmp))
        with open_database(path) as db:
            n = db.execute("SELECT count(*) FROM stored_postings").fetchone()[0]
            model = train(db)
            scan = baseline_sql(model.curriculum)
            baseline = best_of(args.repeats, lambda: db.execute(scan).fetchall())
            ours = best_of(args.repeats, lambda: classify_postings(db, model))
            labelled = db.execute("SELECT count(DISTINCT posting_id) FROM posting_topics").fetchone()[0]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"postings: {n:,} (labelled {labelled:,}), {len(model.topic_ids)} topics, "
          f"{os.cpu_count()} CPUs, best of {args.repeats}")
    print(f"baseline  regexp_matches x {len(model.topic_ids)} topic names: {baseline:6.3f} s  "
          f"{n / baseline:9,.0f} postings/s")
    print(f"careerlens classify (evidence, posting_topics):   {ours:6.3f} s  {n / ours:9,.0f} postings/s")
    print(f"ratio (careerlens / baseline throughput): {baseline / ours:.2f}   (bar: >= 0.70)")
    print(f"peak memory (RSS): {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
