"""Measuring the classifier on hand labels: the figures, the keyword baseline, the held-out bars.

The small tests use postings written for them; the last one measures the
default classifier on the 656 held-out postings of ``tests/labels/topics_gold.csv``
(real postings in ../shared/data, labelled by reading; see docs/annotation.md).
"""

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import careerlens
from careerlens.classify import train
from careerlens.evaluate import evaluate, f1_intervals, published_accuracy, reader_agreement
from careerlens.labels import resolve_labels
from careerlens.cli import main
from careerlens.curriculum import load_curriculum
from careerlens.errors import InputError
from careerlens.ingest import ingest
from tests.conftest import POSTING_CORPORA, SHARED, shared_file
from tests.test_classify import write_postings

FIXTURES = Path(__file__).parent / "fixtures" / "curricula"
GOLD = Path(__file__).parent / "labels" / "topics_gold.csv"
SECOND_READING_FILE = Path(__file__).parent / "labels" / "topics_second_reading.csv"

# Postings written for this test (Glassdoor layout), and how a reader labels them
# with the spreadsheets curriculum.
POSTINGS = [
    ("Finance Analyst", "Build reports in Excel with pivot tables."),                  # spreadsheets
    ("Receptionist", "You will excel in customer service."),                            # -
    ("Survey Lead", "Design the questionnaire.\nTabulate answers in Google Sheets."),   # both
    ("Surveyor", "Join our land survey crew."),                                         # -
    ("Office Manager", "Keep the office running smoothly."),                            # spreadsheets (implicit)
]
LABELS = ("dataset,row,split,topics\n"
          "team/DataAnalyst.csv,1,test,spreadsheets\n"
          "team/DataAnalyst.csv,2,test,\n"
          "team/DataAnalyst.csv,3,test,spreadsheets;surveys\n"
          "team/DataAnalyst.csv,4,dev,\n"
          "team/DataAnalyst.csv,5,test,spreadsheets\n")


@pytest.fixture
def store(tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    with careerlens.open_database(tmp_path / "store.duckdb") as db:
        ingest(db, [write_postings(folder / "DataAnalyst.csv", POSTINGS)])
        train(db, load_curriculum(FIXTURES / "spreadsheets.toml"))
        yield db


def write(tmp_path, text, name="labels.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_figures_beside_the_keyword_baseline(store, tmp_path):
    result = evaluate(store, write(tmp_path, LABELS), split="test")
    assert result.n_postings == 4 and result.split == "test"
    table = result.per_topic.set_index("topic")
    # Model: rows 1 and 3 found, row 5 (nothing to go on) missed -> P 2/2, R 2/3.
    sheets = table.loc["spreadsheets"]
    assert (sheets.tp, sheets.fp, sheets.fn) == (2, 0, 1)
    assert sheets.f1 == pytest.approx(0.8)
    # Keyword baseline: "excel in customer service" counts as Excel -> one false positive.
    assert (sheets.baseline_tp, sheets.baseline_fp, sheets.baseline_fn) == (2, 1, 1)
    assert sheets.baseline_f1 == pytest.approx(2 / 3)
    # Topic-name baseline: no posting says "spreadsheets" or "survey design" in so many words.
    assert (sheets.name_baseline_tp, sheets.name_baseline_fp, sheets.name_baseline_fn) == (0, 0, 3)
    assert table.loc["surveys"].name_baseline_fn == 1
    surveys = table.loc["surveys"]
    assert (surveys.tp, surveys.fp, surveys.fn, surveys.f1) == (1, 0, 0, 1.0)
    summary = result.summary.set_index("average")
    assert summary.loc["micro", "f1"] == pytest.approx(2 * 3 / (2 * 3 + 0 + 1))
    assert summary.loc["macro", "f1"] == pytest.approx((0.8 + 1.0) / 2)
    assert summary.loc["macro", "baseline_f1"] == pytest.approx((2 / 3 + 1.0) / 2)
    # Every F1 comes with its bootstrap interval, which holds it.
    assert (table.f1_low <= table.f1).all() and (table.f1 <= table.f1_high).all()


def test_f1_intervals_are_wide_on_three_examples_and_closed_on_a_perfect_topic():
    # Topic "rare": 3 labelled postings, 2 found (F1 0.8). Topic "common": 97 + 3 postings, all found.
    gold = [{"rare", "common"}] * 3 + [{"common"}] * 97
    predicted = [{"rare", "common"}] * 2 + [{"common"}] * 98
    intervals = f1_intervals(gold, predicted, ["rare", "common", "absent"])
    (rare_low, rare_high), (common_low, common_high), absent = intervals["per_topic"]
    # Resamples that draw the missed posting more often than the found ones score 0.5 or less;
    # those that skip it score 1.
    assert rare_low <= 0.5 and rare_high == 1.0
    assert common_low == common_high == 1.0
    assert all(math.isnan(bound) for bound in absent)          # nothing to find, nothing found
    (micro_low, micro_high), (macro_low, macro_high) = intervals["summary"]
    micro = 2 * 102 / (2 * 102 + 1)
    assert micro_low < micro <= micro_high == 1.0
    assert macro_low < (0.8 + 1.0) / 2 <= macro_high == 1.0
    # Seeded: the same call gives the same interval.
    assert f1_intervals(gold, predicted, ["rare"])["per_topic"].tolist() == [[rare_low, rare_high]]


def test_split_all_and_dev(store, tmp_path):
    labels = write(tmp_path, LABELS)
    assert evaluate(store, labels, split="all").n_postings == 5
    dev = evaluate(store, labels, split="dev")
    assert dev.n_postings == 1
    # Nothing to find and nothing found: no F1, and left out of the macro average.
    assert dev.per_topic.f1.isna().all()
    assert math.isnan(dev.summary.set_index("average").loc["macro", "f1"])


def test_dataset_resolves_by_folder_when_file_names_repeat(store, tmp_path):
    other = tmp_path / "elsewhere"
    other.mkdir()
    ingest(store, [write_postings(other / "DataAnalyst.csv", [("Clerk", "Sort the post.")])])
    with pytest.raises(InputError) as caught:
        resolve_labels(store, write(tmp_path, "dataset,row,split,topics\nDataAnalyst.csv,1,test,\n"),
                       purpose="evaluation")
    assert "matches 2 loaded files" in str(caught.value) and caught.value.row == 2
    rows = resolve_labels(store, write(tmp_path, "dataset,row,split,topics\nelsewhere/DataAnalyst.csv,1,test,\n"
                                                 "team/DataAnalyst.csv,1,test,\n"), purpose="evaluation")
    titles = store.sql("SELECT posting_id, title FROM postings").set_index("posting_id").title
    assert [titles[p] for p in rows.posting_id] == ["Clerk", "Finance Analyst"]


@pytest.mark.parametrize("text, message, line", [
    ("dataset,row,labels\nteam/DataAnalyst.csv,1,x\n", "missing ['topics']", None),
    ("dataset,row,split,topics\nteam/DataAnalyst.csv,99,test,\n", "has no data row '99'", 2),
    ("dataset,row,split,topics\nother/Nowhere.csv,1,test,\n", "none of the datasets it names is loaded", None),
    ("dataset,row,split,topics\nteam/DataAnalyst.csv,1,test,cooking\n", "topics the model's curriculum does not have",
     None),
])
def test_bad_label_files(store, tmp_path, text, message, line):
    with pytest.raises(InputError) as caught:
        evaluate(store, write(tmp_path, text), split="test")
    assert message in str(caught.value)
    assert caught.value.row == line


def test_training_never_uses_test_rows(store, tmp_path):
    labels = write(tmp_path, LABELS)
    assert list(resolve_labels(store, labels, purpose="training").split) == ["dev"]
    model = train(store, load_curriculum(FIXTURES / "spreadsheets.toml"), labels=labels, store=False)
    assert model.metadata["labels"]["postings"] == 1
    assert evaluate(store, labels, split="test", model=model).seen_in_training == 0
    assert evaluate(store, labels, split="dev", model=model).seen_in_training == 1


def test_cli_evaluate_prints_both_columns(store, tmp_path):
    labels = write(tmp_path, LABELS)
    store.close()
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(labels)],
                                env={"CAREERLENS_DB": str(tmp_path / "store.duckdb")})
    assert result.exit_code == 0, result.output
    assert "baseline_f1" in result.output and "macro" in result.output and "f1_low" in result.output
    assert "4 postings (split test)" in result.output


SECOND_READING = ("dataset,row,split,topics\n"
                  "team/DataAnalyst.csv,1,test,spreadsheets\n"
                  "team/DataAnalyst.csv,2,test,spreadsheets\n"           # the first reader left it empty
                  "team/DataAnalyst.csv,3,test,spreadsheets;surveys\n"
                  "team/DataAnalyst.csv,5,test,\n")                       # the first reader: spreadsheets


def test_a_second_reading_measures_how_far_readers_agree(store, tmp_path):
    result = reader_agreement(store, write(tmp_path, LABELS), write(tmp_path, SECOND_READING, "second.csv"))
    assert result.n_postings == 4                        # row 4 has no second reading
    table = result.per_topic.set_index("topic")
    sheets = table.loc["spreadsheets"]
    # First reader: rows 1, 3, 5; second reader: rows 1, 2, 3.
    assert (sheets.support, sheets.second_support) == (3, 3)
    assert (sheets.readers_tp, sheets.readers_fp, sheets.readers_fn) == (2, 1, 1)
    assert sheets.readers_f1 == pytest.approx(2 / 3)
    # The model against the first reader on the same four postings: rows 1 and 3 found.
    assert (sheets.model_tp, sheets.model_fp, sheets.model_fn) == (2, 0, 1)
    assert table.loc["surveys"].readers_f1 == 1.0
    summary = result.summary.set_index("average")
    assert summary.loc["micro", "readers_f1"] == pytest.approx(2 * 3 / (2 * 3 + 1 + 1))


def test_a_second_reading_of_other_postings_is_refused(store, tmp_path):
    other = write(tmp_path, "dataset,row,split,topics\nteam/DataAnalyst.csv,4,dev,surveys\n", "second.csv")
    first = write(tmp_path, LABELS.replace("team/DataAnalyst.csv,4,dev,\n", ""))
    with pytest.raises(InputError, match="labels no posting that labels.csv labels") as caught:
        reader_agreement(store, first, other)
    assert caught.value.file == other


def test_a_second_reading_with_a_topic_the_curriculum_lacks_is_refused(store, tmp_path):
    other = write(tmp_path, "dataset,row,split,topics\nteam/DataAnalyst.csv,1,test,pivot_tables\n", "second.csv")
    with pytest.raises(InputError, match="pivot_tables") as caught:
        reader_agreement(store, write(tmp_path, LABELS), other)
    assert caught.value.file == other


def test_cli_evaluate_with_a_second_reading(store, tmp_path):
    labels, second = write(tmp_path, LABELS), write(tmp_path, SECOND_READING, "second.csv")
    store.close()
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(labels), "--second-reading", str(second)],
                                env={"CAREERLENS_DB": str(tmp_path / "store.duckdb")})
    assert result.exit_code == 0, result.output
    assert "second reading: 4 postings labelled in both files" in result.output
    assert "readers_f1" in result.output and "model_f1" in result.output


# -- the held-out bars, on real postings --------------------------------------------------------


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    """The six posting folders loaded and the default classifier trained on them."""
    gold = pd.read_csv(GOLD, keep_default_na=False)
    for dataset in gold.dataset.unique():
        shared_file(dataset)
    path = tmp_path_factory.mktemp("evaluate") / "shared.duckdb"
    with careerlens.open_database(path) as db:
        ingest(db, [SHARED / folder for folder in POSTING_CORPORA])
        train(db)
    return path


@pytest.fixture(scope="module")
def shared_evaluation(shared_store):
    with careerlens.open_database(shared_store) as db:
        return evaluate(db, GOLD, split="test")


@pytest.fixture(scope="module")
def shared_agreement(shared_store):
    with careerlens.open_database(shared_store) as db:
        return reader_agreement(db, GOLD, SECOND_READING_FILE)


@pytest.mark.slow
def test_held_out_figures_beat_keyword_matching(shared_evaluation):
    result = shared_evaluation
    assert result.n_postings == 656 and not result.skipped and result.seen_in_training == 0
    summary = result.summary.set_index("average")
    assert summary.loc["micro", "f1"] >= 0.90
    assert summary.loc["micro", "f1"] > summary.loc["micro", "baseline_f1"]
    assert summary.loc["macro", "f1"] > summary.loc["macro", "baseline_f1"]
    # The model keeps or drops keyword hits and adds none, so per topic it finds no more than keyword
    # matching does, right or wrong; what it drops is mostly wrong.
    table = result.per_topic
    assert (table.tp <= table.baseline_tp).all() and (table.fp <= table.baseline_fp).all()
    assert table.fp.sum() < table.baseline_fp.sum() / 2
    assert table.baseline_tp.sum() - table.tp.sum() < table.baseline_fp.sum() - table.fp.sum()


@pytest.mark.slow
def test_published_accuracy_is_what_evaluate_measures(shared_evaluation):
    """docs/accuracy.md's headline figures stay those of the current classifier."""
    published = (Path(__file__).parents[1] / "docs" / "accuracy.md").read_text()
    summary = shared_evaluation.summary.set_index("average")
    for average in ("micro", "macro"):
        row = re.search(rf"^\| \*\*{average}\*\* \|.*$", published, re.M).group(0)    # first table: all held-out
        f1 = float(re.search(r"\*\*(0\.\d+)\*\*", row).group(1))
        assert f1 == pytest.approx(summary.loc[average, "f1"], abs=0.01), average


@pytest.mark.slow
def test_published_reader_agreement_is_what_evaluate_measures(shared_agreement):
    """docs/accuracy.md's figures for the second reading stay those the two label files give."""
    assert shared_agreement.n_postings == 200
    published = (Path(__file__).parents[1] / "docs" / "accuracy.md").read_text()
    section = published[published.index("## How far two readers agree"):]
    summary = shared_agreement.summary.set_index("average")
    row = re.search(r"^\| \*\*macro\*\* \|.*$", section, re.M).group(0)
    readers_f1, model_f1 = (float(x) for x in re.findall(r"\*\*(0\.\d+)\*\*", row))
    assert readers_f1 == pytest.approx(summary.loc["macro", "readers_f1"], abs=0.01)
    assert model_f1 == pytest.approx(summary.loc["macro", "model_f1"], abs=0.01)


@pytest.mark.slow
def test_held_out_bars(shared_evaluation):
    """Issue 24's bars for the default curriculum on the 656 held-out postings (216 random + 440 from
    technical titles, each labelled before any output on it was seen), and issue 3's gain over keyword
    matching of the 15 topic names (beside the curated seed phrases the gain is smaller: docs/accuracy.md)."""
    result = shared_evaluation
    summary = result.summary.set_index("average")
    assert summary.loc["micro", "f1"] >= 0.94
    assert summary.loc["macro", "f1"] >= 0.90
    assert summary.loc["macro", "f1"] - summary.loc["macro", "name_baseline_f1"] >= 0.10


@pytest.mark.slow
def test_every_held_out_topic_with_five_examples_reaches_075(shared_evaluation):
    # Narrowly: optimization is at 0.752 (51 postings, interval 0.65-0.84; docs/accuracy.md).
    table = shared_evaluation.per_topic
    assert table[table.support >= 5].f1.min() >= 0.75, table[["topic", "f1"]].to_string()


def test_a_test_split_evaluation_is_stored_for_the_report(tmp_path, monkeypatch):
    """`careerlens evaluate` keeps its held-out figures with the model; the method page reads them."""
    from click.testing import CliRunner

    from careerlens.cli import main
    from careerlens.db import open_database

    db_path = tmp_path / "store.duckdb"
    runner = CliRunner()
    source = shared_file("glassdoor_kenjee_ds_salary_proj/glassdoor_jobs.csv.gz")
    assert runner.invoke(main, ["ingest", str(source), "--db", str(db_path)]).exit_code == 0
    assert runner.invoke(main, ["train", "--db", str(db_path)]).exit_code == 0
    gold = tmp_path / "gold.csv"
    gold.write_text("dataset,row,split,topics\n"
                    "glassdoor_kenjee_ds_salary_proj/glassdoor_jobs.csv.gz,1,test,python;statistics\n"
                    "glassdoor_kenjee_ds_salary_proj/glassdoor_jobs.csv.gz,2,test,sql\n")
    result = runner.invoke(main, ["evaluate", "--gold", str(gold), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    with open_database(db_path, read_only=True) as db:
        stored = json.loads(db.sql("SELECT metadata FROM classifier_models").metadata[0])["evaluation"]
    assert stored["postings"] == 2 and stored["split"] == "test" and stored["gold_file"] == "gold.csv"
    assert set(stored["per_topic"]) >= {"python", "sql", "statistics"}
    assert {"f1", "f1_low", "f1_high"} <= set(stored["per_topic"]["python"])
    assert 0 <= stored["micro_f1"] <= 1


@pytest.mark.slow
def test_the_accuracy_bundled_for_the_report_is_what_evaluate_measures(shared_evaluation):
    """data/accuracy/maths-for-ml.json (shown on the report's method page) holds the current held-out figures of
    the bundled curriculum as it is now: edit the curriculum or the classifier and scripts/publish_accuracy.py
    must be run again."""
    published = published_accuracy(load_curriculum())
    assert published is not None, "data/accuracy/maths-for-ml.json is for another version of the curriculum"
    assert published["postings"] == shared_evaluation.n_postings == 656
    summary = shared_evaluation.summary.set_index("average")
    assert published["micro_f1"] == pytest.approx(summary.loc["micro", "f1"], abs=0.005)
    assert published["macro_f1"] == pytest.approx(summary.loc["macro", "f1"], abs=0.005)
    for row in shared_evaluation.per_topic.itertuples():
        assert published["per_topic"][row.topic]["f1"] == pytest.approx(row.f1, abs=0.005), row.topic
        assert published["per_topic"][row.topic]["support"] == row.support
