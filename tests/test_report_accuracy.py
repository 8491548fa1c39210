"""The report's method page says how accurate the topic labels are, and lets a reader judge them.

It shows the model's own evaluation when `careerlens evaluate` stored one; otherwise the figures careerlens
publishes for a bundled curriculum used unchanged (data/accuracy/, docs/accuracy.md); otherwise it says that no
accuracy is known. Beside them, ten random evidence sentences per topic.
"""

import careerlens
from careerlens.curriculum import load_curriculum
from careerlens.evaluate import published_accuracy
from careerlens.report import figures
from careerlens.report.blocks import Html, Table
from careerlens.report.pages.method import classifier_blocks

NAMES = {t.id: t.name for t in load_curriculum().topics}


def a_model(evaluation=None):
    metadata = {"curriculum": {"topics": list(NAMES)}} | ({"evaluation": evaluation} if evaluation else {})
    return {"model_id": "m-1", "trained_at": "2026-12-07 10:00", "curriculum_name": "Some programme",
            "curriculum_hash": "abc", "postings_labelled": 10, "metadata": metadata}


def text_of(blocks):
    return " ".join(b.markup if isinstance(b, Html) else b.caption + " " + b.frame.to_string() for b in blocks)


def test_the_bundled_curriculum_unchanged_has_published_figures_and_an_edited_one_has_none():
    published = published_accuracy(load_curriculum())
    assert published["curriculum"] == "maths-for-ml" and published["split"] == "test"
    assert set(published["per_topic"]) == set(NAMES)
    assert published_accuracy(load_curriculum().with_first_seeds(2)) is None


def test_without_any_measurement_the_page_says_no_accuracy_is_known():
    text = text_of(classifier_blocks(a_model()))
    assert "No measured accuracy is known for the curriculum <i>Some programme</i>" in text
    assert "careerlens evaluate --gold FILE" in text


def test_published_figures_are_shown_with_their_date_and_what_they_were_measured_on():
    published = published_accuracy(load_curriculum())
    blocks = classifier_blocks(a_model(), published, names=NAMES)
    text = text_of(blocks)
    assert f"measured on {published['measured_on']} on 656 held-out hand-labelled postings" in text
    assert "This model was trained on the postings loaded here, so its accuracy on them may differ" in text
    per_topic = [b.frame for b in blocks if isinstance(b, Table) and "Per topic" in b.caption][0]
    assert set(per_topic.topic) == set(NAMES.values())            # topic names, not ids
    optimisation = per_topic.set_index("topic").loc[NAMES["optimization"]]
    assert optimisation.f1 == published["per_topic"]["optimization"]["f1"]


def test_a_stored_evaluation_comes_before_the_published_figures():
    evaluation = {"split": "test", "postings": 12, "micro_f1": 0.5,
                  "per_topic": {"sql": {"precision": 1.0, "recall": 0.5, "f1": 0.667, "support": 4}}}
    blocks = classifier_blocks(a_model(evaluation), published_accuracy(load_curriculum()), names=NAMES)
    text = text_of(blocks)
    assert "Measured accuracy of this model" in text and "published by careerlens" not in text
    per_topic = [b.frame for b in blocks if isinstance(b, Table) and "Per topic" in b.caption][0]
    assert per_topic.to_dict("records") == [{"topic": NAMES["sql"], "precision": 1.0, "recall": 0.5,
                                             "f1": 0.667, "support": 4}]


def test_the_evidence_sample_is_ten_random_positives_per_topic_and_the_same_each_time(first_report):
    db_path, reports, _ = first_report
    with careerlens.open_database(db_path, read_only=True) as db:
        model_id = figures.classifier_model(db, load_curriculum())["model_id"]
        sample = figures.evidence_sample(db, model_id=model_id)
        again = figures.evidence_sample(db, model_id=model_id)
        other = figures.evidence_sample(db, model_id=model_id, seed=1)
        positives = db.sql("SELECT topic_id, count(*) AS n FROM posting_topics WHERE model_id = ? AND is_positive "
                           "GROUP BY topic_id", [model_id]).set_index("topic_id").n
    per_topic = sample.groupby("topic_id").size()
    assert (per_topic == positives.clip(upper=10).loc[per_topic.index]).all()
    assert set(per_topic.index) == set(positives.index)
    assert sample.equals(again) and not sample.equals(other)
    assert sample.evidence.str.len().gt(0).all()
    page = (reports / "method.html").read_text()
    assert "Ten postings per topic drawn at random" in page and "Accuracy published by careerlens" in page


def test_the_evidence_follows_the_curriculums_topic_order(first_report):
    from careerlens.report.collect import collect

    db_path, _, _ = first_report
    with careerlens.open_database(db_path, read_only=True) as db:
        data = collect(db)
    shown = list(dict.fromkeys(data.evidence.topic_id))
    assert shown == [t for t in NAMES if t in shown] and len(shown) > 5
