"""Whether every posting a store holds from a file carries the row number of its record in that file.

careerlens numbers staged rows by position after a parallel read (queries/postings/number_staged.sql, issue 20
part 5). This check reads the file again without DuckDB's parallel readers, record by record (Python's ``csv``
module, or pyarrow for Parquet), and compares each record's description, cleaned with careerlens's own
``clean_text`` macro, with the description stored under that record's ``source_row``::

    .venv/bin/python bench/check_numbering.py /work/corpora/glassdoor_100k.csv --store branch.duckdb
    .venv/bin/python bench/check_numbering.py /work/corpora/generic_100k.parquet      # ingests into a temp store

Prints how many stored postings, duplicate occurrences and rejects the file has and how many stored
descriptions differ from their record's; exits 1 if any does, or if the rows do not add up to the file's.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import careerlens
from careerlens.sources.generic import read_mapping, sidecar_mapping


def descriptions_by_position(path: Path) -> pa.Table:
    """(position, description) of every record of the file, 1 = the first record after the header."""
    if path.suffix == ".parquet":
        column = read_mapping(sidecar_mapping(path)).columns["description"]
        # large_string: a million descriptions pass the 2 GiB a string array's offsets can address
        values = pq.read_table(path, columns=[column]).column(column).cast(pa.large_string()).combine_chunks()
    else:
        csv.field_size_limit(sys.maxsize)
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            at = next(reader).index("Job Description")      # the Glassdoor layout of the bench corpora
            values = pa.array([record[at] for record in reader], pa.string())
    return pa.table({"position": pa.array(range(1, len(values) + 1), pa.int64()), "description": values})


def check(path: Path, store: Path) -> dict:
    with careerlens.open_database(str(store)) as db:
        db.run_script("macros")                               # clean_text, as staging applies it
        with db.registered("file_records", descriptions_by_position(path)):
            row = db.sql("""
                WITH loaded AS (SELECT file_id, rows_read FROM sources WHERE file_name = ? ORDER BY file_id LIMIT 1),
                expected AS (SELECT position, md5(clean_text(description)) AS h FROM file_records),
                stored AS (SELECT p.source_row, md5(p.description) AS h
                           FROM stored_postings p JOIN loaded USING (file_id))
                SELECT (SELECT count(*) FROM file_records) AS records,
                       (SELECT any_value(rows_read) FROM loaded) AS rows_read,
                       (SELECT count(*) FROM stored) AS stored,
                       (SELECT count(*) FROM posting_occurrences o JOIN loaded USING (file_id)) AS occurrences,
                       (SELECT count(DISTINCT source_row) FROM rejects r JOIN loaded USING (file_id)
                        WHERE action = 'row_rejected') AS rejected,
                       (SELECT count(*) FROM stored s LEFT JOIN expected e ON e.position = s.source_row
                        WHERE e.h IS DISTINCT FROM s.h) AS descriptions_differing
            """, [path.name]).iloc[0]
    return {key: int(value) for key, value in row.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="a Glassdoor-layout CSV or a generic Parquet file with its sidecar")
    parser.add_argument("--store", type=Path, help="a store the file was ingested into (else: ingest it now)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        store = args.store
        if store is None:
            store = Path(work) / "check.duckdb"
            with careerlens.open_database(str(store)) as db:
                careerlens.ingest(db, [args.file])
        found = check(args.file, store)
    print(", ".join(f"{key} {value}" for key, value in found.items()))
    adds_up = found["records"] == found["rows_read"] == found["occurrences"] + found["rejected"]
    return 0 if adds_up and found["descriptions_differing"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
