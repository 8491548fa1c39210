"""The benchmark harness (bench/) end to end at 10k postings: correctness only, no timing assertions."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import shared_file

BENCH = Path(__file__).resolve().parents[1] / "bench"
N = 10_000


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    """A 10k corpus made from the shared postings, then one run of every benchmark step."""
    shared = shared_file("glassdoor_data_analyst_2020/DataAnalyst.csv.gz").parents[1]
    root = tmp_path_factory.mktemp("bench")
    from careerlens.firstrun import build_default_database

    # The bundled store's classifier stands in for `careerlens train` (minutes), which is not under test here.
    trained = build_default_database(root / "trained.duckdb")
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--sizes", "10k", "--repeat", "1", "--corpora", str(root / "corpora"),
         "--shared", str(shared), "--out", str(root / "out"), "--model-from", str(trained), "--no-readme",
         "--keep-stores"],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return root, json.loads((root / "out" / "results.json").read_text())


def test_corpus_has_every_posting_once_in_both_layouts(bench_run):
    root, _ = bench_run
    with open(root / "corpora" / "glassdoor_10k.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == N
    assert [int(r["index"]) for r in rows] == list(range(1, N + 1))
    contents = {(r["Job Title"], r["Company Name"], r["Location"], r["Job Description"]) for r in rows}
    assert len(contents) == N
    import pyarrow.parquet as pq

    assert pq.read_metadata(root / "corpora" / "generic_10k.parquet").num_rows == N
    assert (root / "corpora" / "generic_10k.careerlens.toml").exists()


def test_the_same_seed_makes_the_same_corpus(bench_run, tmp_path):
    root, _ = bench_run
    sys.path.insert(0, str(BENCH))
    from make_corpora import make_corpora

    shared = shared_file("glassdoor_data_analyst_2020/DataAnalyst.csv.gz").parents[1]
    (tmp_path / "seed.duckdb").symlink_to(root / "corpora" / "seed.duckdb")
    made = make_corpora([2_000], seed=2025, out=tmp_path, shared=shared, echo=lambda line: None)
    with open(made[2_000]["paths"]["csv"], newline="", encoding="utf-8") as again, \
            open(root / "corpora" / "glassdoor_10k.csv", newline="", encoding="utf-8") as first:
        first_rows = list(csv.reader(first))[:2_001]
        again_rows = list(csv.reader(again))
    assert again_rows == first_rows


def test_ingest_loads_and_reconciles_every_row(bench_run):
    _, results = bench_run
    size = results["sizes"]["10k"]
    for step in ("ingest_csv", "ingest_parquet"):
        checks = size[step]["checks"]
        assert checks["rows_read"] == checks["rows_loaded"] == checks["stored_postings"] == N
        assert checks["rows_rejected"] == checks["rows_duplicate"] == 0
        assert size[step]["careerlens"]["rows_per_second"] > 0 and size[step]["bare"]["rows_per_second"] > 0


def test_classify_labels_every_posting(bench_run):
    root, results = bench_run
    checks = results["sizes"]["10k"]["classify"]["checks"]
    assert checks["postings_labelled"] == checks["postings"] == N
    import duckdb

    with duckdb.connect(str(root / "out" / "work" / "store_10k.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT posting_id) FROM posting_topics").fetchall()[0][0] == N


def test_report_pages_exist(bench_run):
    root, results = bench_run
    pages = results["sizes"]["10k"]["report"]["checks"]["pages"]
    assert "index.html" in pages
    assert all((root / "out" / "work" / "report_10k" / page).stat().st_size > 0 for page in pages)


def test_results_hold_every_figure_and_target(bench_run):
    root, results = bench_run
    assert {"command", "date", "machine", "settings", "sizes", "growth", "targets"} <= set(results)
    assert results["machine"]["cores"] >= 1 and results["machine"]["memory_gib"] > 0
    size = results["sizes"]["10k"]
    for step in ("ingest_csv", "ingest_parquet"):
        assert {"careerlens", "bare", "ratio", "file_bytes"} <= set(size[step])
    assert {"careerlens", "regexp_scan", "ratio"} <= set(size["classify"])
    assert size["report"]["median_seconds"] > 0
    for step in ("ingest_csv", "ingest_parquet", "classify"):
        for side in size[step].values():
            if isinstance(side, dict) and "peak_rss_bytes" in side:
                assert side["peak_rss_bytes"] > 0
    assert [t["target"] for t in results["targets"]] == [
        "ingest CSV >= 0.5x bare read_csv", "ingest Parquet >= 0.5x bare read_parquet",
        "classify >= 0.7x regexp scan", "report at 1M < 60 s", "peak RSS of every careerlens step < 4 GiB",
        "1M run <= 12x the 100k run (each step)"]
    assert all(t["status"] in ("pass", "miss", "not measured") for t in results["targets"])
    table = (root / "out" / "results.md").read_text()
    assert "| 10k |" in table and "regexp scan" in table
