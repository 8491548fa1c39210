"""The content key of issue 20 against the one it replaced, alternated in one process.

The CSV is read once by one strict reader (``strict_csv`` with ``strict_csv_parallel``
false, as a file with quoted line breaks followed by ``""`` is read), timed as the
yardstick; then the content key of every staged row, the old way (``md5`` over
``text_key`` of the four fields in SQL, as postings/prepare.sql did) and the new way
(careerlens.contentkey.posting_ids over Arrow batches).

Wall and CPU seconds (this process, all threads), median of ``--repeat``; run it
on a quiet machine for wall times, CPU seconds hold better on a busy one::

    .venv/bin/python bench/bench_ingest_parts.py bench/corpora/glassdoor_100k.csv --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import careerlens
from careerlens.normalise import refresh_taxonomy, staged_posting_ids
from careerlens.sources.probe import probe_file
from careerlens.sources.readers import csv_params

OLD_KEY = ("SELECT source_row, md5(concat_ws(chr(31), coalesce(text_key(title), ''), coalesce(text_key(company), ''), "
           "coalesce(text_key(location_raw), ''), coalesce(text_key(description), ''))) AS posting_id FROM staged_postings")
READ = ('CREATE OR REPLACE TEMP TABLE staged_postings AS SELECT source_row, "Job Title" AS title, '
        '"Company Name" AS company, "Location" AS location_raw, "Job Description" AS description '
        "FROM strict_csv($path, $delim, $quote, $columns)")


def timed(work) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    probe = probe_file(args.csv)
    params = {"path": str(args.csv), **csv_params(probe)}
    runs: dict[str, list] = {name: [] for name in ("read, one reader", "key, old SQL", "key, contentkey")}
    with careerlens.open_database(":memory:") as db:
        refresh_taxonomy(db)

        def one_reader():
            db.execute("SET VARIABLE strict_csv_parallel = false")
            db.execute(READ, params)
            db.execute("RESET VARIABLE strict_csv_parallel")

        for repeat in range(args.repeat):
            runs["read, one reader"].append(timed(one_reader))
            one = db.execute("SELECT count(*) FROM staged_postings").fetchall()
            runs["key, old SQL"].append(timed(lambda: db.execute(f"CREATE OR REPLACE TEMP TABLE k AS {OLD_KEY}")))
            runs["key, contentkey"].append(timed(lambda: staged_posting_ids(db)))
            print(f"run {repeat + 1}: " + ", ".join(f"{name} {r[-1][0]:.2f} s" for name, r in runs.items()), flush=True)
    print(f"{args.csv.name} ({one[0][0]} rows), median of {args.repeat}:")
    for name, r in runs.items():
        print(f"  {name:18s} {statistics.median(w for w, _ in r):6.2f} s wall {statistics.median(c for _, c in r):6.2f} s CPU")


if __name__ == "__main__":
    main()
