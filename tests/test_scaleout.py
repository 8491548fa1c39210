"""Classify beyond one machine: the Dask engine labels exactly as the local one, and a run that fails imports nothing.

The proof runs a local Dask cluster of two worker processes over the six real
posting folders of ../shared/data, exported as Parquet partitioned by source
and month, and compares ``posting_topics`` row by row with ``--engine local``.
"""

from __future__ import annotations

import json
import shutil
import zipfile

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import careerlens
from careerlens.classify import classify_postings, load_model, save_model
from careerlens.cli import main
from careerlens.errors import InputError, UsageError
from careerlens.scaleout.exchange import exported_already
from careerlens.scaleout import (export_postings, import_topics, read_model_artifact, score_postings,
                                 write_model_artifact)

TOPICS = "SELECT * FROM posting_topics ORDER BY posting_id, topic_id"


@pytest.fixture(scope="module")
def store(shared_postings, first_report, tmp_path_factory):
    """A copy of the real postings, labelled by the local engine with the model of the demonstration store (the
    session builds both anyway; what is compared is scoring, not how well the model fits these postings)."""
    with careerlens.open_database(first_report[0], read_only=True) as demo:
        model = load_model(demo)
    path = tmp_path_factory.mktemp("scaleout") / "store.duckdb"
    shutil.copy(shared_postings, path)
    with careerlens.open_database(path) as db:
        db.execute("DELETE FROM stored_postings WHERE hash(posting_id) % 3 <> 0")     # a third is enough (~1,950)
        save_model(db, model)
        classify_postings(db, model)
    return path, model


@pytest.fixture(scope="module")
def cluster():
    """A local Dask cluster of two single-threaded worker processes, shared by the tests (started once)."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def local_topics(store):
    with careerlens.open_database(store[0], read_only=True) as db:
        return db.sql(TOPICS)


def test_dask_engine_stores_the_same_topics_as_the_local_engine(store, local_topics, cluster, tmp_path):
    """Same rows, scores equal within 1e-12, same evidence: on a two-worker local cluster, round trip on the store."""
    path = tmp_path / "store.duckdb"
    shutil.copy(store[0], path)
    with careerlens.open_database(path) as db:
        db.sql("DELETE FROM posting_topics")
        from careerlens.scaleout import classify_on_dask

        done = classify_on_dask(db, store[1], scheduler=cluster)
        dask_topics = db.sql(TOPICS)
    assert done.exported.n_partitions > 4 and done.run.n_postings == len(local_topics) // len(store[1].topic_ids)
    assert done.imported.positives and not path.with_name("store.duckdb.dask").exists()
    assert len(dask_topics) == len(local_topics) > 0
    for column in ("posting_id", "topic_id", "is_positive", "evidence", "model_id"):
        assert dask_topics[column].equals(local_topics[column]), column
    assert (dask_topics.score - local_topics.score).abs().max() <= 1e-12
    assert local_topics.is_positive.sum() > 0 and local_topics.evidence.notna().sum() > 0


def test_the_pure_function_gives_the_local_engines_rows(store, local_topics):
    """score_postings on an Arrow batch of postings, no store: the rows classify stored."""
    with careerlens.open_database(store[0], read_only=True) as db:
        postings = db.arrow("classify/posting_batch", {"first": 0, "count": 10**9})
    rows = score_postings(store[1], postings, batch_size=700).to_pandas()
    rows = rows.sort_values(["posting_id", "topic_id"], ignore_index=True)
    stored = local_topics[local_topics.posting_id.isin(rows.posting_id)].reset_index(drop=True)
    assert len(rows) == postings.num_rows * len(store[1].topic_ids) and rows.is_positive.any()
    assert rows.drop(columns="score").equals(stored.drop(columns="score"))
    assert (rows.score - stored.score).abs().max() <= 1e-12


def test_export_writes_hive_partitions_by_source_and_month(store, tmp_path):
    with careerlens.open_database(store[0], read_only=True) as db:
        done = export_postings(db, tmp_path / "postings")
        months = db.sql("SELECT count(DISTINCT (source, strftime(posted_date, '%Y-%m'))) AS n FROM postings").n[0]
        exported = db.sql(f"SELECT source, month, count(*) AS n FROM read_parquet('{tmp_path}/postings/**/*.parquet',"
                          " hive_partitioning = true) GROUP BY ALL ORDER BY ALL")
    assert done.n_postings == exported.n.sum() == len(db_postings(store[0]))
    assert done.n_partitions == len(exported) == months
    assert (tmp_path / "postings" / "source=linkedin_postings" / "month=2024-04").is_dir()
    assert "unknown" in set(exported.month)          # Glassdoor postings carry no date
    with careerlens.open_database(store[0], read_only=True) as db:
        with pytest.raises(UsageError, match="--out"):
            export_postings(db, tmp_path / "postings")
        assert exported_already(db, tmp_path / "postings").n_postings == done.n_postings   # a rerun reuses it


def db_postings(path):
    with careerlens.open_database(path, read_only=True) as db:
        return db.sql("SELECT posting_id FROM postings")


def test_an_unfinished_run_is_not_imported(store, cluster, tmp_path):
    """A folder without the manifest written last: refused, the labels as they were; run again, it finishes."""
    runner = CliRunner()
    env = {"CAREERLENS_DB": str(tmp_path / "store.duckdb")}
    shutil.copy(store[0], tmp_path / "store.duckdb")
    exported, topics = tmp_path / "postings", tmp_path / "topics"
    assert runner.invoke(main, ["export", "--out", str(exported)], env=env).exit_code == 0
    postings = exported / "source=indeed_ethical_tech"          # one source (two months) is enough here
    n_postings = pq.ParquetDataset(postings).read(columns=["posting_id"]).num_rows
    score = ["classify", "--engine", "dask", "--scheduler", cluster, "--input", str(postings), "--output", str(topics)]
    scored = runner.invoke(main, score, env=env)
    assert scored.exit_code == 0, scored.output
    manifest = json.loads((topics / "manifest.json").read_text())
    (topics / "manifest.json").unlink()
    with careerlens.open_database(tmp_path / "store.duckdb") as db:
        before = db.sql(TOPICS)
        with pytest.raises(InputError, match="did not finish"):
            import_topics(db, topics)
        assert db.sql(TOPICS).equals(before)
    # Run again: every part is found done, only the manifest is written.
    again = runner.invoke(main, score, env=env)
    assert again.exit_code == 0 and f"{len(manifest['parts'])} already done" in again.output, again.output
    imported = runner.invoke(main, ["import-topics", str(topics)], env=env)
    assert imported.exit_code == 0, imported.output
    with careerlens.open_database(tmp_path / "store.duckdb", read_only=True) as db:
        after = db.sql(TOPICS)
    assert after.equals(before[before.posting_id.isin(after.posting_id)].reset_index(drop=True))
    assert after.posting_id.nunique() == manifest["n_postings"] == n_postings > 0
    # A part cut short is refused, naming the manifest's row of that part.
    first = topics / manifest["parts"][0]["path"]
    pq.write_table(pq.read_table(first).slice(0, 10), first)
    refused = runner.invoke(main, ["import-topics", str(topics)], env=env)
    assert refused.exit_code == 1 and "manifest.json, row 1, field 'n_rows'" in refused.output


def test_a_tampered_or_foreign_model_artifact_is_refused(store, tmp_path):
    path = tmp_path / "model.clmodel"
    manifest = write_model_artifact(store[1], path)
    assert {"scikit_learn", "curriculum_hash", "sha256", "model_format"} <= set(manifest)
    assert read_model_artifact(path).model_id == store[1].model_id
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    for field, change in (("sha256", lambda m: {**m, "sha256": "0" * 64}),
                          ("scikit_learn", lambda m: {**m, "scikit_learn": "0.1"})):
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("manifest.json", json.dumps(change(json.loads(members["manifest.json"]))))
            archive.writestr("model.pickle", members["model.pickle"])
        with pytest.raises(InputError, match=f"field '{field}'"):
            read_model_artifact(path)


def test_without_dask_the_engine_says_how_to_install_it(store, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.split(".")[0] in ("dask", "distributed"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    result = CliRunner().invoke(main, ["classify", "--engine", "dask"], env={"CAREERLENS_DB": str(store[0])})
    assert result.exit_code == 2
    assert "pip install 'careerlens[dask]'" in result.output


def test_a_parquet_folder_without_descriptions_is_refused_naming_the_file_and_field(store, tmp_path):
    import pyarrow as pa

    folder = tmp_path / "postings"
    folder.mkdir()
    pq.write_table(pa.table({"posting_id": ["p1"], "title": ["Data Analyst"]}), folder / "part-0.parquet")
    result = CliRunner().invoke(main, ["classify", "--engine", "dask", "--input", str(folder), "--output",
                                       str(tmp_path / "topics")], env={"CAREERLENS_DB": str(store[0])})
    assert result.exit_code == 1
    assert "part-0.parquet, field 'description'" in result.output
    assert not (tmp_path / "topics").exists()
