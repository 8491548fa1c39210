"""The bare DuckDB baselines careerlens is measured against, each run as its own process by bench/run.py.

* ``read_csv FILE DB`` / ``read_parquet FILE DB``: ``CREATE TABLE t AS SELECT *
  FROM read_csv(FILE)`` into a fresh database file: the cheapest load of the
  same file, without checks, normalisation or deduplication;
* ``regexp DB``: one ``regexp_matches(text, '(?i)\\bNAME\\b')`` per topic name
  of the default curriculum over every stored posting (title and description),
  kept in a temp table: the cheapest thing that could be called keyword
  matching (the query is bench/bench_classify.py's).

Prints one JSON line: rows and the seconds spent inside DuckDB.
"""

from __future__ import annotations

import argparse
import json
import time

import duckdb


def connect(path, memory_limit, temp_directory):
    config = {}
    if memory_limit:
        config["memory_limit"] = memory_limit
    if temp_directory:
        config["temp_directory"] = temp_directory
    return duckdb.connect(path, config=config)


def read_file(kind: str, data_file: str, con) -> int:
    con.execute(f"CREATE TABLE t AS SELECT * FROM {kind}(?)", [data_file]).fetchall()
    return con.execute("SELECT count(*) FROM t").fetchall()[0][0]


def regexp_scan(con) -> int:
    from bench_classify import baseline_sql
    from careerlens.curriculum import load_curriculum

    con.execute(f"CREATE TEMP TABLE keyword_hits AS {baseline_sql(load_curriculum())}").fetchall()
    return con.execute("SELECT count(*) FROM keyword_hits").fetchall()[0][0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("baseline", choices=["read_csv", "read_parquet", "regexp"])
    parser.add_argument("paths", nargs="+", help="FILE DB for read_csv/read_parquet; DB for regexp.")
    parser.add_argument("--memory-limit")
    parser.add_argument("--temp-directory")
    args = parser.parse_args(argv)
    con = connect(args.paths[-1], args.memory_limit, args.temp_directory)
    started = time.perf_counter()
    rows = regexp_scan(con) if args.baseline == "regexp" else read_file(args.baseline, args.paths[0], con)
    print(json.dumps({"rows": rows, "seconds": time.perf_counter() - started}))
    con.close()


if __name__ == "__main__":
    main()
