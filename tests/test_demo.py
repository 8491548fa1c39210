"""The synthetic demonstration corpus: reproducible, our own words, honest ground truth, real structure."""

from __future__ import annotations

import csv
import gzip
import io
import re

import pandas as pd
import pytest

import careerlens
from careerlens import demo
from careerlens.demo import DECOYS, DEGREES, TOPIC_SENTENCES, TOPICS, demo_files, generate_demo_postings
from careerlens.resources import data_file, data_text
from tests.conftest import shared_file


@pytest.fixture(scope="module")
def corpus():
    """The bundled corpus (1,500 postings, seed 2025) with one boolean column per ground-truth topic."""
    frame = generate_demo_postings()
    for topic in TOPICS:
        frame[topic] = frame.topics.str.split(";").apply(lambda ids, t=topic: t in ids)
    return frame


def test_same_seed_same_corpus_other_seed_other_corpus():
    first, again = generate_demo_postings(200, seed=1), generate_demo_postings(200, seed=1)
    pd.testing.assert_frame_equal(first, again)
    assert not first.description.equals(generate_demo_postings(200, seed=2).description)


def test_committed_files_equal_a_fresh_generation():
    # If this fails after editing careerlens/demo.py or data/demo_words.toml, run scripts/make_demo_postings.py.
    for name, text in demo_files().items():
        assert data_text("demo", name) == text, f"data/demo/{name} is stale"


def test_committed_corpus_is_small():
    with data_file("demo", demo.POSTINGS_FILE) as path:
        assert path.stat().st_size <= 2_000_000


def test_columns_hold_what_the_mapping_promises(corpus):
    def key(name):                       # as careerlens's text_key() compares industry names
        return re.sub(r"[^a-z0-9+#]+", " ", name.lower()).strip()

    industries = pd.read_csv(io.StringIO(data_text("taxonomy", "industry_map.csv"))).industry_key
    assert {key(i) for i in corpus.industry} <= {key(i) for i in industries}
    assert corpus.location.str.fullmatch(r"[A-Z][A-Za-z. ]+, [A-Z]{2}|Remote, United States").all()
    assert corpus.posted_date.between("2024-01-01", "2025-12-31").all()
    assert corpus.posted_date.str[:7].nunique() == 24            # every month, so monthly trends exist
    assert corpus.id.is_unique and corpus.description.is_unique
    shown = corpus.salary_text != ""
    assert (shown == corpus.salary_min.notna()).all() and 0.65 < shown.mean() < 0.85
    assert set(corpus.salary_period[shown]) == {"year", "hour"}
    assert set(corpus.salary_kind[shown]) == {"employer", "estimate"}
    assert (corpus.salary_min[shown] <= corpus.salary_max[shown]).all()


def _signature(template: str) -> str:
    """The longest stretch of a template with no placeholder: what finds the sentence in a posting."""
    return max(re.split(r"\{[a-z]+\}", template), key=len).strip()


def test_ground_truth_is_exactly_what_the_text_evidences(corpus):
    # A topic is in the truth if and only if one of its sentences (or a sentence that also
    # evidences it, or a degree list naming Statistics) is in the description.
    evidence = {topic: set() for topic in TOPICS}
    for topic, sentences in TOPIC_SENTENCES.items():
        for _, _, text, extra in sentences:
            for t in (topic, *extra):
                evidence[t].add(_signature(text))
    for text, topics in DEGREES:
        for t in topics:
            evidence[t].add(text)
    for topic in TOPICS:
        pattern = "|".join(re.escape(s) for s in sorted(evidence[topic]))
        found = corpus.description.str.contains(pattern)
        assert (found == corpus[topic]).all(), f"{topic}: {(found != corpus[topic]).sum()} postings disagree"


@pytest.mark.parametrize("topic, implicit, named", [
    ("statistics", "A/B tests", "statistic"),
    ("deep_learning", "PyTorch", "deep learning"),
    ("linear_algebra", "eigenvalues", "linear algebra"),
    ("communication", "without a technical background", "communicat"),
])
def test_implicit_mentions_carry_their_topic_without_naming_it(corpus, topic, implicit, named):
    text = corpus.description.str.lower()
    implicit_only = text.str.contains(implicit.lower(), regex=False) & ~text.str.contains(named, regex=False)
    assert implicit_only.sum() >= 5 and corpus.loc[implicit_only, topic].all()


@pytest.mark.parametrize("decoy, tempted", [
    ("R&D", "r_programming"),
    ("We are an AI company", "machine_learning"),
    ("optimize workflows", "optimization"),
    ("communicate next steps", "communication"),
])
def test_decoys_appear_where_their_topic_is_not_asked_for(corpus, decoy, tempted):
    assert any(decoy in text and t == tempted for text, t in DECOYS)
    with_decoy = corpus.description.str.contains(decoy, regex=False)
    assert (with_decoy & ~corpus[tempted]).sum() >= 15


def test_topic_rates_depend_on_role(corpus):
    rates = corpus.groupby("role")[list(TOPICS)].mean()
    assert rates.loc["machine_learning_engineer", "deep_learning"] > 0.6 > 0.05 > rates.loc["data_analyst", "deep_learning"]
    assert rates.loc["data_analyst", "data_visualization"] > 0.7 > 0.2 > rates.loc["data_engineer", "data_visualization"]
    assert rates.loc["data_engineer", "big_data"] > 0.8
    assert rates.loc["operations_research_analyst", "optimization"] > 0.9
    assert rates.loc["statistician", "r_programming"] > 0.6
    assert rates.loc["other"].drop("communication").max() < 0.05       # non-data jobs ask for almost nothing


def test_salary_depends_on_role_seniority_and_state(corpus):
    annual = corpus[corpus.salary_period == "year"].assign(mid=lambda f: (f.salary_min + f.salary_max) / 2)
    by_role = annual.groupby("role").mid.median()
    assert by_role["research_scientist"] > by_role["data_scientist"] > by_role["data_analyst"] > by_role["other"]
    by_level = annual[annual.role != "other"].groupby("seniority").mid.median()
    assert by_level["junior"] < by_level["mid"] < by_level["senior"] < by_level["lead"]
    state = annual.location.str[-2:]
    assert annual[state == "CA"].mid.median() > annual[state.isin(["OH", "MO", "IN"])].mid.median()


def test_hourly_salaries_are_hourly_figures(corpus):
    hourly = corpus[corpus.salary_period == "hour"]
    assert len(hourly) >= 30 and hourly.salary_max.between(10, 150).all()
    assert hourly.salary_text.str.endswith(("per hour (employer provided)", "per hour (estimated)")).all()


def test_machine_learning_volume_and_topics_grow_over_the_two_years(corpus):
    year = corpus.posted_date.str[:4]
    ml = corpus[corpus.role == "machine_learning_engineer"].groupby(year).size()
    assert ml["2025"] > 1.5 * ml["2024"]
    assert corpus[year == "2025"].deep_learning.mean() > corpus[year == "2024"].deep_learning.mean()


def _shingles(texts, width=40):
    found = set()
    for text in texts:
        text = re.sub(r"\s+", " ", text.lower())
        found.update(text[i:i + width] for i in range(len(text) - width + 1))
    return found


@pytest.mark.parametrize("relative, column", [
    ("glassdoor_data_analyst_2020/DataAnalyst.csv.gz", "Job Description"),
    ("linkedin_job_postings_2023_2024/postings_first500.csv", "description"),
])
def test_no_text_is_copied_from_real_postings(corpus, relative, column):
    # Distinct demo lines are few (templates); index their 40-character pieces, then scan
    # the first 400 real descriptions of each corpus for any of them.
    ours = _shingles({line for d in corpus.description for line in d.split("\n")})
    path = shared_file(relative)
    opener = gzip.open if path.suffix == ".gz" else open
    csv.field_size_limit(1 << 30)
    with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as fh:
        real = [row[column] or "" for _, row in zip(range(400), csv.DictReader(fh))]
    shared = sorted(_shingles(real) & ours)
    assert shared == []


def test_committed_demo_folder_ingests_with_no_rejects(db, corpus):
    # The mapping sits beside the CSV, so the folder loads as it is, with no --source or --mapping.
    with data_file("demo", demo.POSTINGS_FILE) as postings:
        results = careerlens.ingest(db, [postings.parent])
    assert sorted((r.path.name, r.format, r.status) for r in results) == [
        (demo.MAPPING_FILE, "generic_mapping", "skipped"), (demo.POSTINGS_FILE, "generic", "loaded")]
    (result,) = [r for r in results if r.status == "loaded"]
    assert (result.rows_read, result.rows_loaded, result.rows_rejected, result.rows_duplicate) == (1500, 1500, 0, 0)
    assert db.sql("SELECT count(*) AS n FROM rejects").n[0] == 0
    stored = db.sql("SELECT source_key, source, role, naics_sector, state, posted_date, salary_period, "
                    "salary_min_usd, salary_max_usd FROM postings ORDER BY source_row")
    assert set(stored.source) == {"demo"}                          # reports label it synthetic by this
    assert stored.source_key.tolist() == corpus.id.tolist()
    # Every title maps to the curated role we meant; one we meant for no curated role takes its SOC occupation's.
    with data_file("taxonomy", "roles.csv") as path, open(path, newline="", encoding="utf-8") as fh:
        curated_roles = {row["role"] for row in csv.DictReader(fh)}
    assert stored.role.where(stored.role.isin(curated_roles), "other").tolist() == corpus.role.tolist()
    assert stored.naics_sector.notna().all()
    assert (stored.state.isna() == corpus.location.str.startswith("Remote")).all()
    assert (stored.posted_date.astype(str) == corpus.posted_date).all()
    assert (stored.salary_period.fillna("") == corpus.salary_period).all()
    factor = corpus.salary_period.map({"hour": 2080, "year": 1})   # hourly figures become annual USD
    shown = corpus.salary_text != ""
    assert (stored.salary_min_usd[shown] == (corpus.salary_min * factor)[shown]).all()
    assert (stored.salary_max_usd[shown] == (corpus.salary_max * factor)[shown]).all()
