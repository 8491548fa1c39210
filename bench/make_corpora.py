"""Make benchmark corpora of N job postings by resampling the real postings in ../shared/data.

The real postings (Glassdoor, LinkedIn and Indeed folders) are first loaded
into a seed store with careerlens itself, which gives each one a normalised
role and NAICS sector. Postings are grouped by role x sector (role alone for
small cells); every synthetic posting then

* takes a real posting as its template: its group and its number of sentences,
  so the length distribution and the mix of roles stay those of the real data;
* draws each sentence from real postings of the same group, from the same third
  of a posting (opening, body, closing), so vocabulary and topic rates stay
  realistic while the text as a whole is new;
* takes its title and salary from one real posting of the group, and its
  company, location, industry and sector from another.

Each draw is a hash of (seed, posting number, what is drawn), all inside DuckDB,
so a corpus is the same for the same ``--seed``. Each size is written twice
under ``bench/corpora/`` (git-ignored):

* ``glassdoor_<N>.csv``: the Glassdoor export layout, recognised by
  ``careerlens ingest`` without options;
* ``generic_<N>.parquet`` with ``generic_<N>.careerlens.toml`` beside it, read
  by the generic loader.

Run::

    .venv/bin/python bench/make_corpora.py                      # 100k, 300k, 1M
    .venv/bin/python bench/make_corpora.py --sizes 10k --seed 7
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
QUERIES = BENCH / "queries"
POSTING_FOLDERS = (
    "glassdoor_data_analyst_2020", "glassdoor_kenjee_ds_salary_proj", "glassdoor_uncleaned_ds_jobs",
    "indeed_ethical_tech_postings_2020", "linkedin_california_data_jobs_2018", "linkedin_job_postings_2023_2024",
)
DEFAULT_SHARED = Path(os.environ.get("CAREERLENS_SHARED_DATA", BENCH.parents[1] / "shared" / "data"))
CHUNK_POSTINGS = 100_000
MIN_GROUP = 30

GENERIC_MAPPING = """\
# Column mapping for {parquet}: a synthetic benchmark corpus made by bench/make_corpora.py
# (real sentences recombined within role and industry; seed {seed}).
source = "bench_synthetic"

[columns]
id = "index"
title = "Job Title"
description = "Job Description"
company = "Company Name"
industry = "Industry"
location = "Location"

[salary]
text_column = "Salary Estimate"
currency = "USD"
"""


def parse_size(text: str) -> int:
    """``10k`` -> 10000, ``1M`` -> 1000000, ``2500`` -> 2500."""
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = float(text[:-1] if scale > 1 else text)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"size must be positive, not {text!r}")
    return int(number * scale)


def size_label(n: int) -> str:
    """1000000 -> ``1M``, 300000 -> ``300k``, 2500 -> ``2500``."""
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def corpus_paths(folder: Path, n: int) -> dict[str, Path]:
    """Where the corpus of ``n`` postings lives: its CSV, Parquet, mapping and summary files."""
    label = size_label(n)
    return {"csv": folder / f"glassdoor_{label}.csv", "parquet": folder / f"generic_{label}.parquet",
            "mapping": folder / f"generic_{label}.careerlens.toml", "summary": folder / f"corpus_{label}.json"}


def read_sql(name: str) -> str:
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def build_seed_store(shared: Path, path: Path) -> Path:
    """Load the real posting folders into a careerlens store (once; reused while it exists)."""
    if path.exists():
        return path
    from careerlens import open_database
    from careerlens.ingest import ingest

    folders = [shared / name for name in POSTING_FOLDERS if (shared / name).exists()]
    if not folders:
        sys.exit(f"no posting datasets under {shared}; set CAREERLENS_SHARED_DATA or pass --shared")
    partial = path.with_suffix(".partial.duckdb")
    partial.unlink(missing_ok=True)
    with open_database(partial) as db:
        ingest(db, folders)
    partial.rename(path)
    return path


def prepare_pools(con, seed_store: Path) -> int:
    """Read the real postings and cut them into sentence pools; returns the number of templates."""
    con.execute("ATTACH ? AS seed (READ_ONLY)", [str(seed_store)]).fetchall()
    for name, params in (("real_postings", {"min_group": MIN_GROUP}), ("sentence_pools", {})):
        for statement in filter(str.strip, read_sql(name).split(";\n")):
            con.execute(statement, {k: v for k, v in params.items() if f"${k}" in statement} or None).fetchall()
    return con.execute("SELECT count(*) FROM templates").fetchall()[0][0]


def write_corpus(con, n: int, seed: int, n_templates: int, paths: dict[str, Path]) -> dict:
    """Generate ``n`` postings chunk by chunk, appending each chunk to the CSV and the Parquet file."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    csv_part, parquet_part = (paths[k].with_suffix(".partial" + paths[k].suffix) for k in ("csv", "parquet"))
    csv_writer = parquet_writer = None
    seen: set[str] = set()
    try:
        for first in range(0, n, CHUNK_POSTINGS):
            chunk = draw_unique(con, list(range(first, min(n, first + CHUNK_POSTINGS))), seed, n_templates, seen)
            if csv_writer is None:
                csv_writer = pacsv.CSVWriter(csv_part, chunk.schema)
                parquet_writer = pq.ParquetWriter(parquet_part, chunk.schema, compression="zstd")
            csv_writer.write_table(chunk)
            parquet_writer.write_table(chunk)
    finally:
        for writer in (csv_writer, parquet_writer):
            if writer is not None:
                writer.close()
    csv_part.rename(paths["csv"])
    parquet_part.rename(paths["parquet"])
    paths["mapping"].write_text(GENERIC_MAPPING.format(parquet=paths["parquet"].name, seed=seed), encoding="utf-8")
    return describe(con, paths["parquet"])


def draw_unique(con, numbers: list[int], seed: int, n_templates: int, seen: set[str]):
    """Draw postings ``numbers``, drawing again (next attempt) any whose content repeats an earlier posting's."""
    import pyarrow as pa
    import pyarrow.compute as pc

    query = read_sql("synthetic_postings")
    kept = []
    attempt = 0
    while numbers:
        drawn = con.sql(query, params={"seed": seed, "attempt": attempt, "n_templates": n_templates,
                                       "numbers": numbers}).to_arrow_table()
        fresh = []
        for key in drawn.column("content_key").to_pylist():
            fresh.append(key not in seen)
            seen.add(key)
        kept.append(drawn.filter(pa.array(fresh)))
        numbers = drawn.filter(pc.invert(pa.array(fresh))).column("index").to_pylist()
        numbers = [number - 1 for number in numbers]
        attempt += 1
    return pa.concat_tables(kept).sort_by("index").drop_columns(["content_key"])


def describe(con, parquet: Path) -> dict:
    """Rows, distinct contents (as ingest's dedup key sees them) and mean description length of a corpus."""
    rows, distinct, mean_chars = con.execute(
        "SELECT count(*), count(DISTINCT md5(concat_ws(chr(31), lower(\"Job Title\"), lower(\"Company Name\"), "
        "lower(\"Location\"), lower(\"Job Description\")))), avg(length(\"Job Description\")) FROM read_parquet(?)",
        [str(parquet)]).fetchall()[0]
    return {"rows": rows, "distinct_contents": distinct, "mean_description_chars": round(mean_chars, 1)}


def make_corpora(sizes, *, seed: int, out: Path, shared: Path, force: bool = False, echo=print) -> dict[int, dict]:
    """Make (or reuse) one corpus per size; returns each corpus's paths and summary."""
    import duckdb

    out.mkdir(parents=True, exist_ok=True)
    seed_store = build_seed_store(shared, out / "seed.duckdb")
    made = {}
    con = None
    for n in sizes:
        paths = corpus_paths(out, n)
        summary = json.loads(paths["summary"].read_text()) if paths["summary"].exists() else None
        if (not force and summary and summary.get("seed") == seed
                and all(paths[k].exists() for k in ("csv", "parquet", "mapping"))):
            echo(f"{size_label(n)}: reusing {paths['csv'].name} and {paths['parquet'].name} (seed {seed})")
            made[n] = {"paths": paths, "summary": summary}
            continue
        if con is None:
            con = duckdb.connect(config={"memory_limit": "4GB", "temp_directory": str(out / "tmp")})
            n_templates = prepare_pools(con, seed_store)
        started = time.perf_counter()
        summary = write_corpus(con, n, seed, n_templates, paths)
        summary.update(seed=seed, seconds=round(time.perf_counter() - started, 1),
                       csv_bytes=paths["csv"].stat().st_size, parquet_bytes=paths["parquet"].stat().st_size,
                       real_templates=n_templates)
        paths["summary"].write_text(json.dumps(summary, indent=2) + "\n")
        echo(f"{size_label(n)}: {summary['rows']:,} postings ({summary['distinct_contents']:,} distinct) in "
             f"{summary['seconds']} s; CSV {summary['csv_bytes'] / 1e6:,.0f} MB, "
             f"Parquet {summary['parquet_bytes'] / 1e6:,.0f} MB")
        made[n] = {"paths": paths, "summary": summary}
    if con is not None:
        con.close()
    return made


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100k,300k,1M", help="Comma-separated corpus sizes [default: 100k,300k,1M].")
    parser.add_argument("--seed", type=int, default=2025, help="Resampling seed [default: 2025].")
    parser.add_argument("--out", type=Path, default=BENCH / "corpora", help="Output folder [default: bench/corpora].")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="The shared data folder.")
    parser.add_argument("--force", action="store_true", help="Rebuild corpora that already exist.")
    args = parser.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    make_corpora(sizes, seed=args.seed, out=args.out, shared=args.shared, force=args.force)


if __name__ == "__main__":
    main()
