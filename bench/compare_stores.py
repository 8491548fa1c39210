"""Whether two stores hold the same loads: how an ingest speed-up is checked to change nothing stored.

Ingest the same files into two fresh stores, one with each careerlens (main's checkout and this one,
say), then::

    .venv/bin/python bench/compare_stores.py main.duckdb branch.duckdb

Every table that holds what a load produced is compared row for row in both directions (``EXCEPT
ALL``): the stored postings with all their normalised columns, where each row of each file went
(``posting_occurrences``), the rejects, the survey records, and ``sources`` without what differs by
nature (when and how fast a file was loaded, by which version, from which path). Prints the rows of
each table and how many are only in one store; exits 1 if any table differs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

#: table -> columns left out of the comparison (they differ between any two loads).
TABLES = {
    "stored_postings": (),
    "posting_occurrences": (),
    "rejects": (),
    "stored_salary_records": (),
    "sources": ("loaded_at", "load_seconds", "careerlens_version", "file_path"),
}


def differences(first: Path, second: Path) -> dict[str, dict[str, int]]:
    """For each table: its rows in each store and the rows only in one of them."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{first}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{second}' AS b (READ_ONLY)")
    found = {}
    for table, left_out in TABLES.items():
        columns = [name for (name,) in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = 'a' AND table_name = ? "
            "ORDER BY column_index", [table]).fetchall() if name not in left_out]
        if not columns:
            continue
        listed = ", ".join(f'"{c}"' for c in columns)
        count = {side: con.execute(f"SELECT count(*) FROM {side}.{table}").fetchone()[0] for side in "ab"}
        only = {side: con.execute(f"SELECT count(*) FROM (SELECT {listed} FROM {side}.{table} EXCEPT ALL "
                                  f"SELECT {listed} FROM {other}.{table})").fetchone()[0]
                for side, other in (("a", "b"), ("b", "a"))}
        found[table] = {"rows_first": count["a"], "rows_second": count["b"],
                        "only_in_first": only["a"], "only_in_second": only["b"]}
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    found = differences(args.first, args.second)
    for table, figures in found.items():
        print(f"{table}: {figures['rows_first']:,} and {figures['rows_second']:,} rows; "
              f"{figures['only_in_first']:,} only in {args.first.name}, {figures['only_in_second']:,} only in "
              f"{args.second.name}")
    sys.exit(1 if any(f["only_in_first"] or f["only_in_second"] for f in found.values()) else 0)


if __name__ == "__main__":
    main()
