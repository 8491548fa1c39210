"""How careerlens serves a curriculum it was not tuned for: two curricula written once by a stand-in user
(tests/curricula), measured on postings labelled for them before any output was seen (docs/annotation.md)."""

import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

import careerlens
from careerlens.classify import train
from careerlens.classify.model import context_bars
from careerlens.curriculum import load_curriculum
from careerlens.evaluate import Agreement, Evaluation, evaluate, reader_agreement

ROOT = Path(__file__).parents[1]
CURRICULA = {"data-engineering": "data_engineering_gold.csv", "business-analytics": "business_analytics_gold.csv"}
#: The same 180 held-out postings read again, independently, under the same rules (docs/annotation.md).
SECOND_READINGS = {name: labels.replace("_gold", "_second_reading") for name, labels in CURRICULA.items()}


def test_the_evaluation_curricula_are_frozen():
    """Their seeds stand in for a user who writes them once: the files stay as committed before labelling."""
    import hashlib

    digests = {name: hashlib.sha256((ROOT / "tests/curricula" / f"{name}.toml").read_bytes()).hexdigest()[:16]
               for name in CURRICULA}
    assert digests == {"data-engineering": "e50ea99839b462a8", "business-analytics": "643462031ef29b48"}


def test_labels_name_only_their_curriculum_s_topics():
    for name, labels in CURRICULA.items():
        topics = set(load_curriculum(ROOT / "tests/curricula" / f"{name}.toml").topic_ids)
        first = pd.read_csv(ROOT / "tests/labels" / labels, keep_default_na=False)
        second = pd.read_csv(ROOT / "tests/labels" / SECOND_READINGS[name], keep_default_na=False)
        assert len(first) == 300 and (first.split == "test").sum() == 180
        held_out = first[first.split == "test"]
        assert list(zip(second.dataset, second.row)) == list(zip(held_out.dataset, held_out.row))
        for frame in (first, second):
            named = {t for cell in frame.topics for t in cell.split(";") if t}
            assert named <= topics


class Measured(NamedTuple):
    evaluation: Evaluation      # on the held-out labels
    agreement: Agreement        # the second reading against the first


@pytest.fixture(scope="module")
def measured(shared_postings):
    """Each curriculum trained on the six posting folders and measured on its held-out labels, and the
    second reading of those postings against the first."""
    results = {}
    with careerlens.open_database(shared_postings) as db:
        for name, labels in CURRICULA.items():
            model = train(db, load_curriculum(ROOT / "tests/curricula" / f"{name}.toml"), store=False)
            results[name] = Measured(
                evaluate(db, ROOT / "tests/labels" / labels, split="test", model=model),
                reader_agreement(db, ROOT / "tests/labels" / labels, ROOT / "tests/labels" / SECOND_READINGS[name],
                                 model=model))
    return results


def published(name: str) -> tuple[float, float]:
    """docs/accuracy.md's micro F1 and macro F1 (topics with 5+ examples) for a curriculum with all its seeds."""
    text = (ROOT / "docs" / "accuracy.md").read_text()
    row = re.search(rf"^\| {name} \| all seeds \|.*$", text, re.M).group(0)
    micro, macro = (float(x) for x in re.findall(r"\*\*(0\.\d+)\*\*", row))
    return micro, macro


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CURRICULA))
def test_published_figures_are_what_evaluate_measures(measured, name):
    result = measured[name].evaluation
    assert result.n_postings == 180 and result.seen_in_training == 0
    micro = result.summary.set_index("average").loc["micro", "f1"]
    macro = result.per_topic[result.per_topic.support >= 5].f1.mean()
    assert (micro, macro) == pytest.approx(published(name), abs=0.01)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CURRICULA))
def test_a_curriculum_not_tuned_for_beats_its_own_seed_phrases(measured, name):
    summary = measured[name].evaluation.summary.set_index("average")
    assert summary.loc["micro", "f1"] > summary.loc["micro", "baseline_f1"]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CURRICULA))
@pytest.mark.xfail(strict=True, reason="issue 24's bars for an unseen curriculum (micro 0.90, macro 0.85) are not "
                                       "met: 0.853/0.831 and 0.851/0.815 held out (docs/accuracy.md)")
def test_bars_for_a_curriculum_not_tuned_for(measured, name):
    result = measured[name].evaluation
    assert result.summary.set_index("average").loc["micro", "f1"] >= 0.90
    assert result.per_topic[result.per_topic.support >= 5].f1.mean() >= 0.85


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CURRICULA))
def test_two_readers_agree_beyond_the_bars(measured, name):
    """The bars ask for what a second reader of the same postings reaches, and docs/accuracy.md says how far."""
    agreement = measured[name].agreement
    assert agreement.n_postings == 180
    summary = agreement.summary.set_index("average")
    assert summary.loc["micro", "readers_f1"] >= 0.90 and summary.loc["macro", "readers_f1"] >= 0.85
    text = (ROOT / "docs" / "accuracy.md").read_text()
    row = re.search(rf"^\| {name} \| readers .*$", text, re.M).group(0)
    readers_micro, readers_macro, model_micro, model_macro = (float(x) for x in re.findall(r"0\.\d+", row))
    assert (readers_micro, readers_macro) == pytest.approx(
        (summary.loc["micro", "readers_f1"], summary.loc["macro", "readers_f1"]), abs=0.01)
    assert (model_micro, model_macro) == pytest.approx(
        (summary.loc["micro", "model_f1"], summary.loc["macro", "model_f1"]), abs=0.01)


def test_a_topic_with_few_seed_sentences_is_judged_against_its_training_prior():
    """Below 100 seed sentences a context model's probabilities mostly say how rare its positives were, so a
    context seed's sentence counts where it looks as much like the seed sentences as like the background."""
    bars = context_bars(0.5, n_positives=[0, 3, 99, 100, 5_000], prior=[0.0, 0.001, 0.02, 0.02, 0.5])
    assert bars.tolist() == pytest.approx([0.5, 0.001, 0.02, 0.5, 0.5])


@pytest.mark.slow
def test_with_two_seeds_a_topic_the_postings_rarely_name_still_counts_its_context_seeds(shared_postings):
    """The default's MLOps with its first two seeds ("MLOps", "ML Ops"): a handful of seed sentences in the six
    posting folders. Its context seeds ("deployment", "production", ...) carry the topic; judged at the 0.5 bar
    of a topic with thousands of seed sentences, every one of them was rejected (held-out F1 0.02)."""
    curriculum = load_curriculum().with_first_seeds(2)
    with careerlens.open_database(shared_postings) as db:
        model = train(db, curriculum, store=False)
        result = evaluate(db, ROOT / "tests/labels/topics_gold.csv", split="test", model=model)
    mlops = result.per_topic.set_index("topic").loc["mlops"]
    assert model.metadata["per_topic"]["mlops"]["positives"] < 100
    assert mlops.recall > 0.3 and mlops.precision > 0.4
