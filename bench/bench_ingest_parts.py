"""The content key of issue 20 against the ones before it, alternated in one process.

The CSV is read once by one strict reader (``strict_csv`` with ``strict_csv_parallel``
false, as a file with quoted line breaks followed by ``""`` is read), timed as the
yardstick; then the content key of every staged row: the schema-4 way (``md5`` over
``text_key`` of the four fields in SQL, as postings/prepare.sql did), the same key
bytes as today's but row by row in Python (``bytes.translate`` per field, as
careerlens.contentkey did until the block code), and today's
(careerlens.normalise.staged_posting_ids: blocks keyed by numpy and md5 on two
threads). ``--threads 1`` keys today's blocks on one thread.

Wall and CPU seconds (this process, all threads), median of ``--repeat``; run it
on a quiet machine for wall times, CPU seconds hold better on a busy one::

    .venv/bin/python bench/bench_ingest_parts.py bench/corpora/glassdoor_100k.csv --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import hashlib

import pyarrow as pa

import careerlens
from careerlens.contentkey import KEPT
from careerlens.normalise import refresh_taxonomy, staged_posting_ids
from careerlens.sources.probe import probe_file
from careerlens.sources.readers import csv_params

OLD_KEY = ("SELECT source_row, md5(concat_ws(chr(31), coalesce(text_key(title), ''), coalesce(text_key(company), ''), "
           "coalesce(text_key(location_raw), ''), coalesce(text_key(description), ''))) AS posting_id FROM staged_postings")
READ = ('CREATE OR REPLACE TEMP TABLE staged_postings AS SELECT source_row, "Job Title" AS title, '
        '"Company Name" AS company, "Location" AS location_raw, "Job Description" AS description '
        "FROM strict_csv($path, $delim, $quote, $columns)")


_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_DROPPED = bytes(b for b in range(256) if b not in KEPT and not 65 <= b <= 90)


def _field_slices(column: pa.Array):
    column = column.cast(pa.large_string()) if column.type != pa.large_string() else column
    if column.null_count:
        column = column.fill_null("")
    offsets_buffer, data_buffer = column.buffers()[1:3]
    offsets = memoryview(offsets_buffer).cast("q")[column.offset:column.offset + len(column) + 1].tolist()
    return (data_buffer.to_pybytes() if data_buffer is not None else b""), offsets


def row_by_row_ids(db) -> dict[int, str]:
    """The key as careerlens.contentkey computed it before the block code: per row and field, on one thread."""
    md5, lower, dropped = hashlib.md5, _LOWER, _DROPPED
    ids = {}
    for batch in db.arrow_batches("postings/content_columns", rows=32768):
        (t, to), (c, co), (l, lo), (d, do) = (_field_slices(batch[name]) for name in
                                              ("title", "company", "location_raw", "description"))
        ids.update(zip(batch["source_row"].to_pylist(),
                       (md5(b"\x1f".join((t[to[i]:to[i + 1]].translate(lower, dropped),
                                          c[co[i]:co[i + 1]].translate(lower, dropped),
                                          l[lo[i]:lo[i + 1]].translate(lower, dropped),
                                          d[do[i]:do[i + 1]].translate(lower, dropped)))).hexdigest()
                        for i in range(len(batch)))))
    return ids


def timed(work) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2, help="threads of today's key")
    args = parser.parse_args(argv)
    probe = probe_file(args.csv)
    params = {"path": str(args.csv), **csv_params(probe)}
    runs: dict[str, list] = {name: [] for name in ("read, one reader", "key, old SQL", "key, row by row", "key, blocks")}
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
            runs["key, row by row"].append(timed(lambda: row_by_row_ids(db)))
            runs["key, blocks"].append(timed(lambda: staged_posting_ids(db, threads=args.threads)))
            print(f"run {repeat + 1}: " + ", ".join(f"{name} {r[-1][0]:.2f} s" for name, r in runs.items()), flush=True)
        ours = staged_posting_ids(db).to_pydict()
        if dict(zip(ours["source_row"], ours["posting_id"])) != row_by_row_ids(db):
            raise SystemExit("the block key and the row-by-row key differ")
    print(f"{args.csv.name} ({one[0][0]} rows), median of {args.repeat}:")
    for name, r in runs.items():
        print(f"  {name:18s} {statistics.median(w for w, _ in r):6.2f} s wall {statistics.median(c for _, c in r):6.2f} s CPU")


if __name__ == "__main__":
    main()
