"""Which duplicates the content key of schema 5 catches that the old one did not, and which it could miss.

Run on a store written by careerlens before schema 5 (opened read-only, not migrated)::

    .venv/bin/python bench/compare_content_keys.py /path/to/store_of_schema_4.duckdb

The old key folded runs of punctuation and spaces into one space; the new one drops
them (careerlens.contentkey). Every pair of texts the old key called equal the new
one calls equal too, unless they differ in U+0130 or U+212A (the second query
counts the postings that hold either). Prints both counts and the merged pairs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from careerlens.resources import read_query

BENCH = Path(__file__).resolve().parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    args = parser.parse_args(argv)
    con = duckdb.connect(str(args.store), read_only=True)
    con.execute(read_query("macros").replace("CREATE OR REPLACE MACRO", "CREATE OR REPLACE TEMP MACRO"))
    stored, rows = con.sql("SELECT (SELECT count(*) FROM stored_postings), (SELECT count(*) FROM posting_occurrences)"
                           ).fetchall()[0]
    merges = con.sql((BENCH / "queries" / "content_key_merges.sql").read_text()).fetchall()
    losses = con.sql((BENCH / "queries" / "content_key_losses.sql").read_text()).fetchall()[0]
    print(f"{args.store}: {stored} stored postings ({rows} rows loaded)")
    print(f"duplicates only the new key catches: {len(merges)} stored postings merge into an earlier one")
    for file_name, row, title, joins_file, joins_row, differ in merges:
        print(f"  {file_name} row {row} ({title!r}) -> {joins_file} row {joins_row}"
              + ("" if differ else " (same folded description)"))
    print(f"duplicates only the old key could catch: postings holding U+0130 or U+212A: {losses[0]} ({losses[1]} rows)")


if __name__ == "__main__":
    main()
