"""Which stored model a command uses, with several curricula trained in one store, and what `train` prints.

The store holds the hand-written postings of tests/test_classify.py, with models of two curricula:
the tiny tools curriculum below, then the spreadsheets fixture (the newest).
"""

import json
import pickle
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

import careerlens
from careerlens.classify import MODEL_FORMAT, TrainingParameters, choose_model, load_model, train
from careerlens.cli import main
from careerlens.curriculum import load_curriculum
from careerlens.errors import UsageError
from careerlens.ingest import ingest
from careerlens.report import figures
from tests.test_classify import write_postings

SPREADSHEETS = Path(__file__).parent / "fixtures" / "curricula" / "spreadsheets.toml"
TOOLS = """[programme]
name = "Data Tools"

[[module]]
name = "Tools"
hours = 10

[[module.topic]]
id = "databases"
name = "Databases"
description = "Querying relational databases."
seeds = ["SQL", "PostgreSQL", "SQL Server"]

[[module.topic]]
id = "cloud"
name = "Cloud platforms"
description = "Running work on a cloud platform."
seeds = ["AWS", "Azure"]
"""
LABELS = ("dataset,row,split,topics\n"
          "team/DataAnalyst.csv,1,test,spreadsheets\n"
          "team/DataAnalyst.csv,3,test,spreadsheets;surveys\n"
          "team/DataAnalyst.csv,4,test,\n")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The postings, a model of the tools curriculum, then a newer one of the spreadsheets curriculum."""
    folder = tmp_path_factory.mktemp("choice")
    (folder / "team").mkdir()
    tools = folder / "tools.toml"
    tools.write_text(TOOLS)
    (folder / "labels.csv").write_text(LABELS)
    with careerlens.open_database(folder / "store.duckdb") as db:
        ingest(db, [write_postings(folder / "team" / "DataAnalyst.csv")])
        tools_model = train(db, load_curriculum(tools))
        sheets_model = train(db, load_curriculum(SPREADSHEETS))
    return SimpleNamespace(path=folder / "store.duckdb", folder=folder, tools=tools, tools_id=tools_model.model_id,
                           sheets_id=sheets_model.model_id)


def run(store_path, *args):
    return CliRunner().invoke(main, [str(a) for a in args], env={"CAREERLENS_DB": str(store_path)})


def labelled_by(store_path):
    """{model id: topic ids} of the labels in posting_topics."""
    with careerlens.open_database(store_path, read_only=True) as db:
        rows = db.sql("SELECT DISTINCT model_id, topic_id FROM posting_topics")
    return {model: set(rows.topic_id[rows.model_id == model]) for model in set(rows.model_id)}


def unclassified_copy(store, tmp_path):
    """A copy of the store with no labels (the module's store is classified by earlier tests)."""
    path = shutil.copy(store.path, tmp_path / "store.duckdb")
    with careerlens.open_database(path) as db:
        db.sql("DELETE FROM posting_topics")
    return path


# -- classify and evaluate ----------------------------------------------------------------------
def test_without_a_curriculum_classify_uses_the_newest_model_and_names_the_other_curricula(store, tmp_path):
    path = unclassified_copy(store, tmp_path)
    result = run(path, "classify")
    assert result.exit_code == 0, result.output
    assert (f"note: 2 curricula have trained models; using {store.sheets_id}, the newest, trained for "
            f"'Short Course in Spreadsheets and Surveys' (--curriculum {SPREADSHEETS}). "
            f"Also trained: 'Data Tools' (--curriculum {store.tools}). "
            "Name the one to use with --curriculum NAME|FILE.") in result.stderr
    assert labelled_by(path) == {store.sheets_id: {"spreadsheets", "surveys"}}


def test_with_a_curriculum_classify_uses_the_model_trained_for_it_and_keeps_the_other_curriculums_labels(
        store, tmp_path):
    path = unclassified_copy(store, tmp_path)
    assert run(path, "classify", "--curriculum", SPREADSHEETS).exit_code == 0
    result = run(path, "classify", "--curriculum", store.tools)
    assert result.exit_code == 0, result.output
    assert "note:" not in result.output and f"with {store.tools_id}" in result.output
    assert labelled_by(path) == {store.tools_id: {"databases", "cloud"}, store.sheets_id: {"spreadsheets", "surveys"}}


def test_a_newer_model_of_a_curriculum_replaces_the_older_ones_labels(store, tmp_path):
    path = unclassified_copy(store, tmp_path)
    assert run(path, "classify", "--curriculum", store.tools).exit_code == 0
    with careerlens.open_database(path) as db:
        newer = train(db, load_curriculum(store.tools), params=TrainingParameters(seed=7))
    assert run(path, "classify", "--curriculum", store.tools).exit_code == 0
    assert labelled_by(path) == {newer.model_id: {"databases", "cloud"}}


def test_with_models_of_one_curriculum_only_there_is_nothing_to_note(db, tmp_path):
    ingest(db, [write_postings(tmp_path / "DataAnalyst.csv")])
    first = train(db, load_curriculum(SPREADSHEETS), params=TrainingParameters(seed=1))
    newest = train(db, load_curriculum(SPREADSHEETS), params=TrainingParameters(seed=2))
    choice = choose_model(db)
    assert (choice.model.model_id, choice.note) == (newest.model_id, None)
    assert choose_model(db, model_id=first.model_id).model.model_id == first.model_id


def test_evaluate_with_a_curriculum_uses_its_model(store):
    result = run(store.path, "evaluate", "--gold", store.folder / "labels.csv", "--curriculum", SPREADSHEETS)
    assert result.exit_code == 0, result.output
    assert f"model {store.sheets_id}, 3 postings (split test)" in result.output


def test_evaluate_with_a_curriculum_no_model_was_trained_for_says_what_to_train(store):
    result = run(store.path, "evaluate", "--gold", store.folder / "labels.csv", "--curriculum", "maths-for-ml")
    assert result.exit_code == 2, result.output
    assert ("no classifier trained for the curriculum 'Postgraduate Certificate in Maths for Machine Learning "
            "and AI Applications' (maths-for-ml)") in result.output
    assert "run `careerlens train --curriculum maths-for-ml` first" in result.output


@pytest.mark.parametrize("command", [["classify"], ["evaluate", "--gold", "{folder}/labels.csv"]])
def test_a_model_must_belong_to_the_curriculum_named(store, command):
    args = [a.format(folder=store.folder) for a in command]
    refused = run(store.path, *args, "--model", store.sheets_id, "--curriculum", store.tools)
    assert refused.exit_code == 2, refused.output
    assert (f"model '{store.sheets_id}' was trained for the curriculum 'Short Course in Spreadsheets and Surveys', "
            "not for 'Data Tools'") in refused.output
    accepted = run(store.path, *args, "--model", store.sheets_id, "--curriculum", SPREADSHEETS)
    assert accepted.exit_code == 0, accepted.output


# -- a model stored by an older careerlens ------------------------------------------------------
def old_layout(model):
    """``model`` as careerlens pickled it before MODEL_FORMAT and learned terms."""
    for added in ("model_format", "learned_terms"):
        model.__dict__.pop(added)
    return pickle.dumps(model)


@pytest.mark.parametrize("blob, metadata_format, stored_format", [
    (old_layout, None, 1),                                   # metadata and model without a format: format 1
    (old_layout, MODEL_FORMAT, MODEL_FORMAT),                # metadata that claims the format, a model without it
    (lambda model: b"not a pickle", MODEL_FORMAT, MODEL_FORMAT),
], ids=["old layout", "old model, new metadata", "unreadable"])
def test_a_model_stored_by_another_careerlens_says_to_train_again(store, tmp_path, blob, metadata_format,
                                                                  stored_format):
    path = shutil.copy(store.path, tmp_path / "store.duckdb")
    with careerlens.open_database(path) as db:
        model = load_model(db, model_id=store.tools_id)
        metadata = {k: v for k, v in model.metadata.items() if k != "model_format"}
        if metadata_format is not None:
            metadata["model_format"] = metadata_format
        db.run_script("classify/store_model", {
            "model_id": "m-old", "curriculum_name": model.curriculum.name,
            "curriculum_hash": model.curriculum.content_hash, "trained_at": "2020-01-01",
            "metadata": json.dumps(metadata), "model_blob": blob(model)})
        with pytest.raises(UsageError, match="run `careerlens train --curriculum .*tools.toml"):
            load_model(db, model_id="m-old")
    result = run(path, "classify", "--model", "m-old")
    assert result.exit_code == 2, result.output
    assert (f"model 'm-old' was stored by another version of careerlens (model format {stored_format}; this "
            f"version reads format {MODEL_FORMAT}): run `careerlens train --curriculum {store.tools}") in result.output


# -- the report ---------------------------------------------------------------------------------
def test_the_report_uses_the_model_trained_for_its_curriculum(store, tmp_path):
    """The tools model is not the newest; the report on the tools curriculum still uses its labels."""
    assert run(store.path, "classify", "--curriculum", store.tools).exit_code == 0
    result = run(store.path, "report", "--curriculum", store.tools, "--min-n", "1", "--out", tmp_path / "report")
    assert result.exit_code == 0, result.output
    assert f"Labels from model <code>{store.tools_id}</code>" in (tmp_path / "report" / "method.html").read_text()


def test_the_report_refuses_labels_of_another_curriculum(store, tmp_path):
    path = unclassified_copy(store, tmp_path)
    assert run(path, "classify", "--curriculum", SPREADSHEETS).exit_code == 0
    result = run(path, "report", "--curriculum", store.tools, "--out", tmp_path / "report")
    assert result.exit_code == 2, result.output
    assert f"and then `careerlens classify --curriculum {store.tools}` before" in result.output
    with careerlens.open_database(path, read_only=True) as db, pytest.raises(UsageError):
        figures.classifier_model(db, load_curriculum(store.tools))


# -- what train prints --------------------------------------------------------------------------
def test_train_prints_what_each_topics_seeds_cover(store, tmp_path):
    path = shutil.copy(store.path, tmp_path / "store.duckdb")
    result = run(path, "train", "--curriculum", "maths-for-ml")
    assert result.exit_code == 0, result.output
    assert "postings a curriculum seed names (seed_postings), postings named only through learned terms or " \
           "context seeds (added_postings)" in result.output
    assert re.search(r"topic +seed_postings +added_postings +mean_score +learned_terms", result.output)
    model_id = re.search(r"trained (m-\w+)", result.output).group(1)
    with careerlens.open_database(path, read_only=True) as db:
        sql = load_model(db, model_id=model_id).metadata["per_topic"]["sql"]
    # Rows 1, 5 and 13 name SQL (row 5's "NoSQL" is excluded, its "SQL are required" is not).
    assert (sql["seed_postings"], sql["added_postings"]) == (3, 0)
    (line,) = [line.split() for line in result.output.splitlines() if line.split()[:1] == ["sql"]]
    assert [int(line[1]), int(line[2])] == [sql["seed_postings"], sql["added_postings"]]
    assert float(line[3]) == pytest.approx(sql["mean_score"])


def test_train_refuses_a_curriculum_that_is_neither_a_file_nor_bundled(store):
    result = run(store.path, "train", "--curriculum", "maths")
    assert result.exit_code == 2
    assert "'maths' does not exist" in result.output
