"""Topic classification: phrase matching, a user's own curriculum end to end, evidence, JSONL, determinism.

Every posting here is text written for these tests, in the Glassdoor export
layout so that it goes through `careerlens ingest` like real data.
"""

import csv
import hashlib
import json
import math
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import careerlens
from careerlens.classify import (CONTEXT, SEED, PhraseMatcher, TrainingParameters, WordIndex, classify_jsonl,
                                 classify_postings, load_model, phrase_pattern, seed_coverage, self_description,
                                 split_camel_case, train)
from careerlens.cli import main
from careerlens.curriculum import load_curriculum
from careerlens.errors import InputError, UsageError
from careerlens.ingest import ingest

FIXTURES = Path(__file__).parent / "fixtures" / "curricula"
GLASSDOOR_HEADER = ["Job Title", "Salary Estimate", "Job Description", "Company Name", "Location",
                    "Industry", "Sector"]

# (title, description): row 1 is the first posting.
POSTINGS = [
    ("Data Analyst", "We are looking for an analyst to join our finance team.\n"
     "Build monthly reports in Excel using pivot tables and VLOOKUP.\n"
     "Write SQL queries against our PostgreSQL warehouse.\nStrong written and verbal communication skills."),
    ("Customer Service Representative", "You will excel in customer service and keep our clients happy.\n"
     "Answer phone calls and emails from customers.\nWe offer a friendly team and paid holidays."),
    ("Survey Researcher", "Design the customer questionnaire and run the annual survey.\n"
     "Analyse survey responses in Google Sheets.\nPresent findings to the leadership team."),
    ("Land Surveyor", "Join our land survey crew measuring building plots.\n"
     "Maintain the surveying equipment and drive the company truck.\nA valid driving licence is required."),
    ("Machine Learning Engineer", "We are an AI company building tools for hospitals.\n"
     "Train deep learning models in PyTorch and deploy them with MLflow.\n"
     "Experience with Spark and Kafka on AWS.\nPython and SQL are required; NoSQL experience is a plus."),
    ("Research Scientist", "Develop probabilistic models and Bayesian methods for forecasting.\n"
     "Compute eigenvalues and singular value decompositions of large matrices.\n"
     "Run A/B tests and design experiments with the product team.\nPublish at conferences."),
    ("Operations Coordinator", "Optimize workflows across our warehouses and improve delivery times.\n"
     "We invest heavily in R&D and new products.\nOrganise schedules for the drivers."),
    ("Data Scientist", "Build predictive models with scikit-learn and XGBoost.\n"
     "Use R and Python for statistical analysis.\nCreate dashboards in Tableau for executives.\n"
     "Explain technical results to non-technical stakeholders."),
    ("NLP Engineer", "Work on natural language processing for our chatbot.\n"
     "Fine-tune transformer models for sentiment analysis and named entity recognition.\n"
     "Write clean Python code and unit tests."),
    ("Registered Nurse", "Provide patient care on a busy surgical ward.\nAdminister medication and keep records.\n"
     "Excellent bedside manner and teamwork."),
    ("Operations Research Analyst", "Formulate linear programming and mixed integer models of our supply chain.\n"
     "Solve them with Gurobi and explain the trade-offs to planners.\n"
     "Knowledge of calculus and differential equations."),
    ("Marketing Analyst", "Measure campaign performance in Google Analytics.\n"
     "Report weekly results in spreadsheets and slides.\nThe role focuses on search engine optimization."),
    ("Business Intelligence Developer", "Build Power BI dashboards and data models.\n"
     "Maintain SQL Server databases and ETL jobs.\nWork with Hadoop and Hive on our data lake."),
    ("Warehouse Associate", "Pick and pack orders, load trucks, and keep the warehouse tidy.\n"
     "Lift up to 50 pounds.\nForklift experience preferred."),
]


def write_postings(path: Path, postings=POSTINGS):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(GLASSDOOR_HEADER)
        for title, description in postings:
            writer.writerow([title, "-1", description, "Example Co\n4.0", "Austin, TX", "-1", "-1"])
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A store holding the postings above (one file, rows 1..14)."""
    folder = tmp_path_factory.mktemp("classify")
    db_path = folder / "store.duckdb"
    with careerlens.open_database(db_path) as db:
        ingest(db, [write_postings(folder / "DataAnalyst.csv")])
    return db_path


@pytest.fixture(scope="module")
def default_model(corpus):
    with careerlens.open_database(corpus) as db:
        return train(db)


def topics_of(db, row):
    """The topics stored for the posting at (file row), with their evidence."""
    found = db.sql("SELECT t.topic_id, t.evidence FROM posting_topics t JOIN postings p USING (posting_id) "
                   "WHERE p.source_row = ? AND t.is_positive ORDER BY t.topic_id", [row])
    return dict(zip(found.topic_id, found.evidence))


# -- phrases ----------------------------------------------------------------------------------
@pytest.mark.parametrize("phrase, text, found", [
    ("machine learning", "Machine-Learning experience", True),
    ("machine learning", "machinelearning", True),
    ("power bi", "PowerBI dashboards", True),
    ("dashboard", "build dashboards", True),
    ("SQL", "NoSQL stores", False),
    ("SQL", "MySQL", False),
    ("R", "Python, R, SQL", True),
    ("R", "python or r", False),          # one or two capitals: matched in capitals only
    ("ML", "10 mL of saline", False),
    ("ML", "MLS (ASCP) preferred", False),
    ("ML", "ML models", True),
    ("PyTorch", "pytorch", True),
    ("PyTorch", split_camel_case("PyTorch"), True),
    ("machine learning", split_camel_case("preferredMachine learning"), True),
    ("A/B test", "A/B tests", True),
    ("regression", "regressions", True),
    ("OR-Tools", "Google OR-Tools", True),
    ("OR-Tools", "techniques or tools such as S3", False),  # an acronym that spells a word: capitals only
    ("ML pipeline", "ml pipelines", True),
    ("deploy * model", "deploy models", True),              # a gap of no words
    ("deploy * model", "deploy trained ML models", True),
    ("deploy * model", "deploy, monitor and retrain ML models", True),  # four words
    ("deploy * model", "deploy all of our best trained models", False),  # five words: too far apart
    ("deploy * model", "redeploy models", False),
])
def test_phrase_pattern(phrase, text, found):
    assert bool(re.search(phrase_pattern(phrase), text, re.IGNORECASE | re.ASCII)) is found


@pytest.mark.parametrize("hit, topic, kind", [
    ("R&D", "r_programming", 1),          # a seed inside an excluded phrase
    ("R", "r_programming", 3),
    ("AI company", "machine_learning", 1),
    ("AI", "machine_learning", 2),         # a context seed: counts only if the sentence reads like ML
    ("optimization", "optimization", 2),
    ("linear programming", "optimization", 3),
    ("Spark SQL", "sql", 3),
    ("Spark SQL", "big_data", 3),
    ("Look ML", "machine_learning", 1),   # Looker's modelling language is not machine learning
    ("Look ML", "data_visualization", 3),
    ("Crime Statistics", "statistics", 1),  # the Clery Act's campus crime report, in university boilerplate
])
def test_what_a_found_phrase_means(hit, topic, kind):
    matcher = PhraseMatcher(load_curriculum())
    kinds, _ = matcher.kinds(hit)
    assert kinds[matcher.topic_ids.index(topic)] == kind


def test_the_trigger_finds_a_longer_phrase_whole_before_a_phrase_it_begins_with():
    trigger = PhraseMatcher(load_curriculum()).trigger
    text = "R&D with R, Spark SQL on Spark, continuous deployment, models into production, Power-BI"
    assert re.findall(trigger, text) == ["R&D", "R", "Spark SQL", "Spark", "continuous deployment",
                                         "models into production", "Power-BI"]


def test_a_phrase_with_a_gap_is_found_in_the_sentences_holding_its_first_words():
    import pyarrow as pa

    matcher = PhraseMatcher(load_curriculum())
    assert "deploy * model" not in matcher.trigger                 # only its first word is
    sentences = ["You will deploy trained churn models weekly", "You will deploy code weekly",
                 "Monitor and retrain the models", "Models are monitored"]
    hits = pa.array([re.findall(matcher.trigger, s) for s in sentences], pa.list_(pa.string()))
    kind, _, anchor, flat = matcher.sentence_kinds(hits, pa.array(sentences))
    mlops = matcher.topic_ids.index("mlops")
    assert kind[:, mlops].tolist() == [SEED, CONTEXT, SEED, 0]     # "deploy" alone is a context seed
    assert flat[int(anchor[0, mlops])].as_py() == "deploy trained churn models"
    assert flat[int(anchor[2, mlops])].as_py() == "Monitor and retrain the models"


# -- word and word-pair counts ----------------------------------------------------------------
def test_word_and_pair_counts_by_integer_codes():
    """Words and adjacent word pairs are counted by integer codes; here against a plain count of the
    strings, with words and pairs the vocabulary lacks, an empty sentence and a pair across sentences."""
    import numpy as np
    import pyarrow as pa

    words = ["data", "deploy", "learning", "machine", "models", "sql"]
    bigrams = ["deploy models", "machine learning", "sql data"]
    sentences = [["deploy", "models", "to", "production"], [], ["machine", "learning", "machine", "learning"],
                 ["models", "deploy"], ["models", "sql", "data", "warehouse", "sql", "data"], ["unseen"]]
    index = WordIndex(np.array(words, dtype=object), np.array(bigrams, dtype=object))
    ids, offsets, unseen = index.encode(pa.array(sentences, pa.list_(pa.string())))
    assert unseen.to_pylist() == ["to", "production", "warehouse", "unseen"]

    vocabulary = words + unseen.to_pylist()
    expected_words = [[s.count(w) for w in vocabulary] for s in sentences]
    expected_pairs = [[[f"{a} {b}" for a, b in zip(s, s[1:])].count(p) for p in bigrams] for s in sentences]
    assert index.rows(ids, offsets, len(vocabulary)).toarray().tolist() == expected_words
    assert index.rows(ids, offsets, len(words)).toarray().tolist() == [row[:len(words)] for row in expected_words]
    assert index.pair_rows(ids, offsets).toarray().tolist() == expected_pairs
    assert expected_pairs[2] == [0, 2, 0] and expected_pairs[3] == [0, 0, 0]   # "deploy" | "models" spans two
    assert np.diff(offsets).tolist() == [len(s) for s in sentences]


# -- a user's own curriculum, end to end -------------------------------------------------------
def test_user_curriculum_end_to_end(corpus):
    with careerlens.open_database(corpus) as db:
        model = train(db, load_curriculum(FIXTURES / "spreadsheets.toml"), store=False)
        result = classify_postings(db, model)
        assert result.n_texts == len(POSTINGS)
        assert db.sql("SELECT count(*) AS n FROM posting_topics").n[0] == 2 * len(POSTINGS)
        assert topics_of(db, 1) == {"spreadsheets": "Build monthly reports in Excel using pivot tables and VLOOKUP"}
        assert topics_of(db, 2) == {}                      # "excel in customer service" is excluded
        assert set(topics_of(db, 3)) == {"spreadsheets", "surveys"}
        assert "questionnaire" in topics_of(db, 3)["surveys"]
        assert topics_of(db, 4) == {}                      # "land survey", "surveying equipment" excluded
        assert set(topics_of(db, 12)) == {"spreadsheets"}


def test_every_positive_has_evidence_from_its_own_posting(corpus, default_model):
    with careerlens.open_database(corpus) as db:
        classify_postings(db, default_model)
        rows = db.sql("SELECT t.topic_id, t.evidence, p.title, p.description FROM posting_topics t "
                      "JOIN postings p USING (posting_id) WHERE t.is_positive")
    assert len(rows) > 20
    for row in rows.itertuples():
        assert row.evidence
        for piece in row.evidence.split(" … "):
            assert piece in f"{row.title}\n{row.description}"


@pytest.mark.parametrize("row, present, absent", [
    (5, {"deep_learning", "python", "sql", "big_data", "mlops"}, {"r_programming"}),   # NoSQL is not SQL
    (6, {"probability", "linear_algebra", "statistics"}, set()),   # eigenvalues, A/B tests: never named
    (7, set(), {"optimization", "r_programming"}),                 # "optimize workflows", "R&D"
    (8, {"machine_learning", "r_programming", "python", "statistics", "data_visualization", "communication"},
     set()),
    (9, {"nlp", "deep_learning", "python"}, set()),
    (10, set(), {"communication", "machine_learning"}),
    (11, {"optimization", "calculus"}, set()),
    (12, set(), {"optimization"}),                                 # search engine optimization
])
def test_default_curriculum_on_hand_written_postings(corpus, default_model, row, present, absent):
    with careerlens.open_database(corpus) as db:
        classify_postings(db, default_model)
        found = set(topics_of(db, row))
    assert present <= found
    assert not absent & found


def test_we_are_an_ai_company_alone_is_not_machine_learning(corpus, default_model, tmp_path):
    lines = [{"id": 1, "text": "We are an AI company. We value kindness and good coffee."}]
    result = run_jsonl(corpus, default_model, tmp_path, lines)
    assert result[0]["topics"] == []


@pytest.mark.parametrize("sentence, describes_the_employer", [
    ("Our research portfolio includes linear programming and optimization", True),
    ("We use Spark and Kafka to serve millions of users", True),
    ("We're a small team shipping PyTorch models", True),
    ("At Acme Analytics, we build recommenders", True),
    ("Our ideal candidate writes SQL every day", False),      # "our" introducing the hire
    ("Our client is looking for an analyst fluent in SQL", False),
    ("We are looking for someone fluent in SQL", False),
    ("You will use our Spark cluster", False),
])
def test_which_sentences_describe_the_employer(sentence, describes_the_employer):
    import pyarrow as pa

    assert self_description(pa.array([sentence])).tolist() == [describes_the_employer]


def test_a_topic_named_only_where_the_employer_describes_itself_does_not_count(corpus, default_model, tmp_path):
    lines = [{"id": 1, "text": "Our research spans linear programming and convex optimization.\n"
                               "You will reconcile invoices in Excel."},
             {"id": 2, "text": "You will build linear programming models of our supply chain."}]
    result = run_jsonl(corpus, default_model, tmp_path, lines)
    assert "optimization" not in result[0]["topics"]
    assert "optimization" in result[1]["topics"]


# -- JSON lines -------------------------------------------------------------------------------
def run_jsonl(corpus, model, tmp_path, lines):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    with careerlens.open_database(corpus) as db:
        classify_jsonl(db, source, target, model)
    return [json.loads(line) for line in target.read_text().splitlines()]


def test_jsonl_round_trip(corpus, default_model, tmp_path):
    lines = [{"id": 7, "text": "Strong SQL skills.\nYou will build Tableau dashboards."},
             {"id": "b-2", "title": "PyTorch engineer", "text": "Join us."},
             {"id": 3, "text": "Drive a forklift."}]
    out = run_jsonl(corpus, default_model, tmp_path, lines)
    assert [o["id"] for o in out] == [7, "b-2", 3]               # order and JSON types kept
    assert out[0]["topics"] == ["sql", "data_visualization"]      # in curriculum order
    assert out[0]["evidence"] == {"sql": "Strong SQL skills", "data_visualization":
                                  "You will build Tableau dashboards"}
    assert out[1]["topics"] == ["deep_learning"]                  # the title counts too
    assert out[2]["topics"] == [] and out[2]["evidence"] == {}
    for o in out:
        assert list(o["scores"]) == list(default_model.topic_ids)
        assert all((o["scores"][t] >= 0.5) == (t in o["topics"]) for t in o["scores"])


def test_a_phrase_with_a_gap_counts_end_to_end(corpus, tmp_path):
    curriculum = tmp_path / "deploying.toml"
    curriculum.write_text('[programme]\nname = "Deploying"\n[[module]]\nname = "M"\nhours = 10\n'
                          '[[module.topic]]\nid = "deploying"\nname = "Deploying models"\ndescription = "d"\n'
                          'seeds = ["deploy * model"]\n')
    with careerlens.open_database(corpus) as db:
        model = train(db, load_curriculum(curriculum), store=False)
    out = run_jsonl(corpus, model, tmp_path, [
        {"id": 1, "text": "You will deploy trained churn models weekly."},
        {"id": 2, "text": "You will deploy all of our best trained churn models."},    # five words between
        {"id": 3, "text": "Models you deploy."}])
    assert [o["topics"] for o in out] == [["deploying"], [], []]
    assert out[0]["evidence"] == {"deploying": "You will deploy trained churn models weekly"}


@pytest.mark.parametrize("content, line, field", [
    ('{"id": 1, "text": "ok"}\n{"text": "no id"}\n', 2, "id"),
    ('{"id": 1, "text": "ok"}\n{"id": 2}\n', 2, "text"),
])
def test_jsonl_line_without_id_or_text(corpus, default_model, tmp_path, content, line, field):
    source = tmp_path / "in.jsonl"
    source.write_text(content)
    with careerlens.open_database(corpus) as db, pytest.raises(InputError) as caught:
        classify_jsonl(db, source, tmp_path / "out.jsonl", default_model)
    assert (caught.value.row, caught.value.field) == (line, field)


def test_jsonl_that_is_not_json(corpus, default_model, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "unclosed"\n')
    with careerlens.open_database(corpus) as db, pytest.raises(InputError, match="not a JSON-lines file"):
        classify_jsonl(db, source, tmp_path / "out.jsonl", default_model)


# -- models: stored, reproducible -----------------------------------------------------------
def test_same_seed_same_model_and_labels(corpus):
    with careerlens.open_database(corpus) as db:
        first = train(db, params=TrainingParameters(seed=3), store=False)
        second = train(db, params=TrainingParameters(seed=3), store=False)
        assert first.model_id == second.model_id
        assert (first.word_weights == second.word_weights).all()
        labels = []
        for model in (first, second):
            classify_postings(db, model)
            labels.append(db.sql("SELECT * FROM posting_topics ORDER BY posting_id, topic_id"))
    assert labels[0].equals(labels[1])


def test_the_training_sample_is_one_posting_in_n_by_a_hash_of_its_id_and_the_seed(corpus):
    """At most ``max_postings``: of n stored postings, those whose DuckDB ``hash(posting_id || seed)`` is a
    multiple of ceil(n / max_postings). Worked out here from that rule, so that a change in which postings
    a model learns from (and so in the model) fails here."""
    params = TrainingParameters(seed=2, max_postings=7)
    every = math.ceil(len(POSTINGS) / params.max_postings)
    with careerlens.open_database(corpus) as db:
        chosen = sorted(db.sql("SELECT posting_id FROM postings WHERE hash(posting_id || ?) % ? = 0",
                               [str(params.seed), every]).posting_id)
        model = train(db, params=params, store=False)
    assert 0 < len(chosen) < len(POSTINGS)
    assert model.metadata["corpus"]["postings"] == len(chosen)
    assert model.metadata["corpus"]["fingerprint"] == hashlib.md5(",".join(chosen).encode()).hexdigest()


def test_training_leaves_no_stored_postings_cached_in_memory(corpus):
    """Sampling reads every stored description, and DuckDB would keep them (up to its memory limit) in memory
    beside training's own arrays: at a million postings, 3 GB more. Training lets them go, and keeps the limit."""
    with careerlens.open_database(corpus, memory_limit="1GB") as db:
        train(db, store=False)
        assert db.query_records("db/memory_in_use")[0]["cached_table_bytes"] == 0
        assert db.sql("SELECT current_setting('memory_limit') AS memory_limit").memory_limit[0] == "953.6 MiB"


def test_batches_and_worker_threads_do_not_change_the_labels(corpus, default_model):
    """One batch on one thread, or batches of three postings on three threads: the same table."""
    with careerlens.open_database(corpus) as db:
        labels, seen = [], []
        for batch_size, workers in ((10_000, 1), (3, 3)):
            result = classify_postings(db, default_model, batch_size=batch_size, workers=workers,
                                       progress=lambda done, total: seen.append((done, total)))
            labels.append(db.sql("SELECT * FROM posting_topics ORDER BY posting_id, topic_id"))
        assert result.n_texts == len(POSTINGS)
    assert labels[0].equals(labels[1])
    batches = -(-len(POSTINGS) // 3)
    assert seen == [(1, 1)] + [(done, batches) for done in range(1, batches + 1)]


def test_jsonl_batches_and_worker_threads_do_not_change_the_output(corpus, default_model, tmp_path):
    """Seven texts in one batch on one thread, or in batches of two on three threads: the same file."""
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "title": title, "text": text}) + "\n"
                              for i, (title, text) in enumerate(POSTINGS)))
    outputs, seen = [], []
    with careerlens.open_database(corpus) as db:
        for batch_size, workers in ((10_000, 1), (2, 3)):
            target = tmp_path / f"out-{workers}.jsonl"
            classify_jsonl(db, source, target, default_model, batch_size=batch_size, workers=workers,
                           progress=lambda done, total: seen.append((done, total)))
            outputs.append(target.read_text())
    assert outputs[0] == outputs[1]
    assert [json.loads(line)["id"] for line in outputs[0].splitlines()] == list(range(len(POSTINGS)))
    batches = -(-len(POSTINGS) // 2)
    assert seen == [(1, 1)] + [(done, batches) for done in range(1, batches + 1)]


def test_jsonl_output_that_cannot_be_written_leaves_the_old_file(corpus, default_model, tmp_path, monkeypatch):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"id": 1, "text": "Strong SQL skills."}) + "\n")
    target.write_text("the labels of yesterday\n")

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("careerlens.classify.labelling.os.replace", disk_full)
    with careerlens.open_database(corpus) as db, pytest.raises(InputError, match="No space left") as caught:
        classify_jsonl(db, source, target, default_model)
    assert caught.value.file == target
    assert target.read_text() == "the labels of yesterday\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]   # no partial file


def test_a_batch_that_fails_leaves_the_previous_labels(corpus, default_model, monkeypatch):
    import careerlens.classify.labelling as classify_module

    with careerlens.open_database(corpus) as db:
        classify_postings(db, default_model)
        before = db.sql("SELECT * FROM posting_topics ORDER BY posting_id, topic_id")
        label_batch = classify_module._label_batch

        def fail_on_the_third(connection, model, first, count):
            if first == 2 * count:
                raise careerlens.CareerlensError("disk full")
            return label_batch(connection, model, first, count)

        monkeypatch.setattr(classify_module, "_label_batch", fail_on_the_third)
        with pytest.raises(careerlens.CareerlensError, match="disk full"):
            classify_postings(db, default_model, batch_size=2, workers=2)
        assert db.sql("SELECT * FROM posting_topics ORDER BY posting_id, topic_id").equals(before)


def test_model_is_stored_with_its_metadata(corpus, default_model):
    with careerlens.open_database(corpus) as db:
        stored = db.sql("SELECT * FROM classifier_models WHERE model_id = ?", [default_model.model_id]).iloc[0]
        loaded = load_model(db, model_id=default_model.model_id)
    metadata = json.loads(stored.metadata)
    assert stored.curriculum_hash == load_curriculum().content_hash
    assert metadata["corpus"]["postings"] == len(POSTINGS)
    assert metadata["parameters"]["seed"] == 0
    assert {"scikit-learn", "duckdb"} <= set(metadata["versions"])
    assert loaded.topic_ids == default_model.topic_ids
    assert (loaded.word_weights == default_model.word_weights).all()


def test_classify_without_a_model_says_train_first(db):
    with pytest.raises(UsageError, match="careerlens train"):
        classify_postings(db)


def test_train_without_postings_says_ingest_first(db):
    with pytest.raises(careerlens.errors.CareerlensError, match="careerlens ingest"):
        train(db)


# -- the commands -----------------------------------------------------------------------------
def test_cli_train_classify_and_label_a_file(corpus, tmp_path):
    runner = CliRunner()
    env = {"CAREERLENS_DB": str(corpus)}
    trained = runner.invoke(main, ["train", "--curriculum", str(FIXTURES / "spreadsheets.toml")], env=env)
    assert trained.exit_code == 0, trained.output
    assert "trained m-" in trained.output and "2 topics" in trained.output
    labelled = runner.invoke(main, ["classify"], env=env)
    assert labelled.exit_code == 0, labelled.output
    assert re.search(r"spreadsheets\s+3", labelled.output)
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text('{"id": 1, "text": "Pivot tables in Excel."}\n')
    done = runner.invoke(main, ["classify", "--input", str(source), "--output", str(target)], env=env)
    assert done.exit_code == 0, done.output
    assert json.loads(target.read_text())["topics"] == ["spreadsheets"]


def test_train_counts_the_postings_that_say_each_seed(corpus):
    """Counted by hand on the postings above; a seed inside an excluded phrase is still said ("You will excel in
    customer service": row 2), and seeds no posting says count 0."""
    with careerlens.open_database(corpus) as db:
        model = train(db, load_curriculum(FIXTURES / "spreadsheets.toml"))
    per_topic = model.metadata["per_topic"]
    assert per_topic["spreadsheets"]["postings_per_seed"] == {
        "spreadsheet": 1, "Excel": 2, "pivot table": 1, "VLOOKUP": 1, "Google Sheets": 1}
    assert per_topic["surveys"]["postings_per_seed"] == {
        "survey design": 0, "questionnaire": 1, "survey research": 0, "Qualtrics": 0}
    coverage = seed_coverage(model).set_index("topic")
    assert coverage.loc["surveys", "seeds_not_found"] == "survey design, survey research, Qualtrics"
    assert coverage.loc["spreadsheets", "seeds_not_found"] == ""


def test_cli_train_names_the_seeds_no_posting_says(corpus, tmp_path):
    """A typo or a tool the postings never name shows at once, a topic nothing names is warned about, and one
    that few sentences name is flagged."""
    curriculum = tmp_path / "tools.toml"
    curriculum.write_text(
        '[programme]\nname = "Tools"\n\n[[module]]\nname = "Tools"\nhours = 10\n\n'
        '[[module.topic]]\nid = "spreadsheets"\nname = "Spreadsheets"\ndescription = "Lookups."\n'
        'seeds = ["pivot table", "VLOOKUP", "XLOOKUP"]\n\n'
        '[[module.topic]]\nid = "survey_tools"\nname = "Survey tools"\ndescription = "Survey software."\n'
        'seeds = ["Qualtrics", "SurveyMonkey"]\n')
    result = CliRunner().invoke(main, ["train", "--curriculum", str(curriculum)], env={"CAREERLENS_DB": str(corpus)})
    assert result.exit_code == 0, result.output
    assert "seeds no posting of the sample (14 postings) says" in result.stdout
    assert "  spreadsheets: XLOOKUP\n" in result.stdout
    assert "  survey_tools: Qualtrics, SurveyMonkey\n" in result.stdout
    assert "warning: topic 'survey_tools' names no posting of the sample" in result.stderr
    assert "'spreadsheets' names no posting" not in result.stderr
    # A handful of seed sentences is too few to learn which context-seed sentences mean the topic: said so.
    assert re.search(r"^  spreadsheets: \d seed sentences$", result.stdout, re.M)
    assert "survey_tools: 0 seed sentences" not in result.stdout


def test_suggest_lists_the_seeds_to_check(corpus):
    """`curriculum suggest` shows the seeds no posting says beside its phrases, whatever --limit allows."""
    from careerlens.classify.suggest import suggest_phrases

    with careerlens.open_database(corpus) as db:
        found = suggest_phrases(db, load_curriculum(FIXTURES / "spreadsheets.toml"), limit=1)
    checks = [(s.topic_id, s.phrase, s.postings) for s in found if s.action == "check"]
    assert checks == [("surveys", "survey design", 0), ("surveys", "survey research", 0), ("surveys", "Qualtrics", 0)]


def test_cli_input_needs_output(corpus, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "x"}\n')
    result = CliRunner().invoke(main, ["classify", "--input", str(source)], env={"CAREERLENS_DB": str(corpus)})
    assert result.exit_code == 2
    assert "--input and --output go together" in result.output
