"""Report figures: each checked against an independent computation or a figure read by hand."""

import json
import re

import numpy as np
import pandas as pd
import pytest

from careerlens import ingest
from careerlens.curriculum import load_curriculum, parse_curriculum
from careerlens.errors import CareerlensError, UsageError
from careerlens.report import build_report, figures
from careerlens.stats import median_difference, median_standard_error, wilson_interval
from tests.conftest import shared_file

CURRICULUM = load_curriculum()
MODEL = "test-model"


# -- a tiny labelled store, written by hand ------------------------------------------
def add_file(db, file_id=1, name="hand.csv", kind="postings"):
    db.execute("INSERT INTO sources VALUES (?, ?, ?, ?, 'test', ?, 0, 0, 0, 0, NULL, now(), 0, 'test', NULL)",
               [file_id, name, f"/tmp/{name}", f"sha-{file_id}", kind])


def add_postings(db, rows, file_id=1):
    """rows: dicts with posting_id, role and optional naics_sector, state, posted_date, salary, kind, topics."""
    frame = pd.DataFrame([{
        "posting_id": r["posting_id"], "source": r.get("source", "test"), "file_id": file_id,
        "source_row": i + 1, "title": r.get("title", "Analyst"), "description": r.get("description", "text"),
        "company": r.get("company", "Acme"), "role": r["role"], "naics_sector": r.get("naics_sector"),
        "country": "US", "state": r.get("state"), "posted_date": r.get("posted_date"),
        "salary_mid_usd": r.get("salary"), "salary_kind": r.get("kind", "employer" if r.get("salary") else None),
        "skills": r.get("skills"),
    } for i, r in enumerate(rows)])
    frame["posted_date"] = pd.to_datetime(frame["posted_date"])
    db.con.register("new_postings", frame)
    db.execute("INSERT INTO stored_postings BY NAME SELECT * REPLACE (skills::VARCHAR[] AS skills) FROM new_postings")
    db.con.unregister("new_postings")
    labels = pd.DataFrame([(r["posting_id"], t, float(t in r.get("topics", ())), t in r.get("topics", ()),
                            "evidence" if t in r.get("topics", ()) else None, MODEL)
                           for r in rows for t in CURRICULUM.topic_ids],
                          columns=["posting_id", "topic_id", "score", "is_positive", "evidence", "model_id"])
    db.con.register("new_labels", labels)
    db.execute("INSERT INTO posting_topics BY NAME SELECT * FROM new_labels")
    db.con.unregister("new_labels")


def add_model(db, curriculum=CURRICULUM, metadata=None):
    db.execute("INSERT INTO classifier_models VALUES (?, ?, ?, now(), ?, ''::BLOB)",
               [MODEL, curriculum.name, curriculum.content_hash, json.dumps(metadata or {"micro_f1": 0.93})])


@pytest.fixture
def store(db):
    """40 data scientists (10 asking for SQL), 5 actuaries (all asking for SQL), 2 states, 2 months."""
    add_file(db)
    add_model(db)
    rows = [{"posting_id": f"ds{i}", "role": "data_scientist", "naics_sector": "52" if i < 20 else "54",
             "state": "CA" if i < 35 else "NY", "posted_date": "2024-01-15" if i < 30 else "2024-02-15",
             "salary": 100_000 + 1_000 * i, "topics": ("sql", "python") if i < 10 else ("python",)}
            for i in range(40)]
    rows += [{"posting_id": f"ac{i}", "role": "actuary", "naics_sector": "52", "state": "CA",
              "salary": 90_000, "topics": ("sql",)} for i in range(5)]
    add_postings(db, rows)
    return db


def one(frame, **where):
    mask = np.ones(len(frame), dtype=bool)
    for key, value in where.items():
        mask &= (frame[key] == value).to_numpy()
    assert mask.sum() == 1, f"{mask.sum()} rows match {where}"
    return frame[mask].iloc[0]


# -- statistics --------------------------------------------------------------------------
@pytest.mark.parametrize("k, n, low, high", [
    # By hand: p = 0.3, z^2/n = 0.38416; centre = (0.3 + 0.19208) / 1.38416 = 0.35551,
    # half = 1.96 * sqrt(0.021 + 0.009604) / 1.38416 = 0.24772.
    (3, 10, 0.10779, 0.60323),
    # k = 0: the interval is [0, (z^2/n) / (1 + z^2/n)] = [0, 0.38416 / 1.38416].
    (0, 10, 0.0, 0.27754),
    (10, 10, 0.72246, 1.0),
    # Large n: close to the normal interval 0.5 +- 1.96 * sqrt(0.25 / 10000).
    (5000, 10000, 0.49020, 0.50980),
])
def test_wilson_interval_matches_hand_computation(k, n, low, high):
    got = wilson_interval(k, n)
    assert got == pytest.approx((low, high), abs=2e-5)


def test_wilson_interval_is_vectorised_and_nan_for_empty_groups():
    low, high = wilson_interval([3, 0], [10, 0])
    assert low[0] == pytest.approx(0.10779, abs=2e-5)
    assert np.isnan(low[1]) and np.isnan(high[1])


def test_wilson_interval_refuses_impossible_counts():
    with pytest.raises(ValueError):
        wilson_interval(11, 10)


@pytest.mark.parametrize("first, second, se, low, high", [
    # Bonett and Price's own examples, as published with statpsych's ci.median2.
    ([32, 39, 26, 35, 43, 27, 40, 37, 34, 29], [36, 44, 47, 42, 49, 39, 46, 31, 33, 48],
     4.316291, -16.95977, -0.04022524),
    ([70, 394, 43, 95, 62, 128, 2, 203, 81, 436, 85, 35, 156, 1, 3, 27, 63, 181, 184, 18],
     [102, 120, 78, 78, 417, 124, 86, 171, 176, 129, 230, 194, 100, 157, 306, 411, 164, 103, 193, 312],
     37.11502, -157.7441, -12.25589),
])
def test_median_difference_interval_matches_the_published_examples(first, second, se, low, high):
    _, got_se, got_low, got_high = median_difference(first, second)
    assert (got_se, got_low, got_high) == pytest.approx((se, low, high), abs=1e-4)


def test_tied_salaries_give_an_interval_around_the_estimate():
    """20 postings at $100,000 and 21 at $107,000 against 41 at $100,000: the premium is $7,000. A percentile
    bootstrap can only draw medians of 100,000 or 107,000 and gives [0, 7,000], the estimate at one end. By hand:
    n = 41, a = round(20.5 - 6.40) = 14, so the standard error comes from the 14th and 28th values,
    100,000 and 107,000; the other side's are both 100,000 (standard error 0)."""
    with_topic, without = [100_000] * 20 + [107_000] * 21, [100_000] * 41
    premium, se, low, high = median_difference(with_topic, without)
    assert premium == 7_000 and median_standard_error(without) == 0
    assert se == pytest.approx(median_standard_error(with_topic)) and low < premium < high
    assert premium - low == pytest.approx(high - premium)


# -- demand ------------------------------------------------------------------------------
def test_demand_share_interval_and_n(store):
    demand = figures.topic_demand(store, model_id=MODEL, min_n=1)
    sql = one(demand, dimension="all", topic_id="sql")
    assert (sql.n_postings, sql.n_asking) == (45, 15)
    assert sql.share == pytest.approx(15 / 45)
    assert (sql.ci_low, sql.ci_high) == pytest.approx(wilson_interval(15, 45))
    by_role = one(demand, dimension="role", value="data_scientist", topic_id="sql")
    assert (by_role.n_postings, by_role.n_asking, by_role.value_label) == (40, 10, "Data scientist")
    assert one(demand, dimension="month", value="2024-02", topic_id="python").n_postings == 10
    assert one(demand, dimension="naics_sector", value="52", topic_id="sql").n_asking == 15
    assert one(demand, dimension="state", value="NY", topic_id="sql").value_label == "New York"


def test_demand_below_min_n_is_suppressed_but_keeps_n(store):
    demand = figures.topic_demand(store, model_id=MODEL, min_n=30)
    actuary = one(demand, dimension="role", value="actuary", topic_id="sql")
    assert actuary.suppressed and actuary.n_postings == 5
    assert np.isnan(actuary.share) and np.isnan(actuary.ci_low) and np.isnan(actuary.ci_high)
    assert not one(demand, dimension="role", value="data_scientist", topic_id="sql").suppressed


def test_demand_filters_are_bound_lists(store):
    demand = figures.topic_demand(store, model_id=MODEL, roles=["actuary"], industries=["52"], min_n=1)
    assert one(demand, dimension="all", topic_id="sql").n_postings == 5
    # A value that would break formatted SQL is only ever a bound value: it matches nothing.
    nothing = figures.topic_demand(store, model_id=MODEL, roles=["x') OR 1=1 --"], min_n=1)
    assert nothing.empty


def test_only_postings_the_model_labelled_count(store):
    add_postings(store, [{"posting_id": "late", "role": "data_scientist"}], file_id=1)
    store.execute("DELETE FROM posting_topics WHERE posting_id = 'late'")
    demand = figures.topic_demand(store, model_id=MODEL, min_n=1)
    assert one(demand, dimension="all", topic_id="sql").n_postings == 45


# -- salaries ----------------------------------------------------------------------------
def test_salary_percentiles_match_pandas(store):
    ranges = figures.salary_ranges(store, min_n=1)
    row = one(ranges, role="data_scientist", naics_sector="all", salary_kind="all")
    salaries = pd.Series([100_000 + 1_000 * i for i in range(40)])
    assert row.n == 40
    for name, q in zip(figures.PERCENTILES, (0.1, 0.25, 0.5, 0.75, 0.9)):
        assert row[name] == pytest.approx(salaries.quantile(q))
    assert one(ranges, role="data_scientist", naics_sector="54", salary_kind="employer")["median"] == 129_500


def test_salary_cells_below_min_n_are_suppressed(store):
    ranges = figures.salary_ranges(store, min_n=30)
    actuary = one(ranges, role="actuary", naics_sector="all", salary_kind="all")
    assert actuary.suppressed and actuary.n == 5 and np.isnan(actuary["median"])


def glassdoor_salaries_by_hand(path, rows):
    """Annual midpoints parsed from the raw 'Salary Estimate' strings, without careerlens."""
    raw = pd.read_csv(path, keep_default_na=False)
    out = []
    for text in raw.iloc[[r - 1 for r in rows]]["Salary Estimate"]:
        numbers = [float(n) for n in re.findall(r"\$(\d+)", text)]
        scale = 2080 if "Per Hour" in text else 1000          # '$17-$24 Per Hour', '$37K-$66K'
        kind = "employer" if "Employer" in text else "estimate"
        out.append((kind, (numbers[0] + numbers[-1]) / 2 * scale))
    return pd.DataFrame(out, columns=["kind", "salary"])


def test_glassdoor_median_recomputed_with_pandas_from_the_raw_file(db):
    path = shared_file("glassdoor_kenjee_ds_salary_proj/glassdoor_jobs.csv.gz")
    ingest(db, [path])
    # Which rows are data-scientist postings is the role mapping's job (tested elsewhere); the
    # salaries and their percentiles are recomputed here from the raw strings.
    rows = db.sql("SELECT source_row FROM postings WHERE role = 'data_scientist' AND country = 'US' "
                  "AND salary_mid_usd IS NOT NULL AND salary_flag IS NULL")["source_row"].tolist()
    by_hand = glassdoor_salaries_by_hand(path, rows)
    implausible = by_hand[by_hand["salary"] < 25_000]          # one employer-stated $15,500 data scientist
    by_hand = by_hand[by_hand["salary"] >= 25_000]
    ranges = figures.salary_ranges(db, roles=["data_scientist"], min_n=1)
    for kind in ("estimate", "employer"):
        expected = by_hand[by_hand["kind"] == kind]["salary"]
        row = one(ranges, role="data_scientist", naics_sector="all", salary_kind=kind)
        assert row.n == len(expected) >= 6        # 6 employer-stated, hundreds of estimates
        assert row.n_distinct == expected.nunique() < row.n
        assert row["median"] == pytest.approx(expected.median())
        assert (row.p10, row.p90) == pytest.approx((expected.quantile(0.1), expected.quantile(0.9)))
    evidence = one(figures.salary_evidence(db, roles=["data_scientist"]), source="glassdoor")
    assert len(implausible) == evidence.n_below_floor == 1 and implausible.salary.iloc[0] == 15_500
    assert (evidence.n_employer, evidence.n_estimate) == ((by_hand.kind == "employer").sum(),
                                                          (by_hand.kind == "estimate").sum())
    assert evidence.n_distinct == by_hand.salary.nunique() and evidence.n_dated == 0     # Glassdoor rows carry no date


@pytest.fixture(scope="module")
def oews_store(tmp_path_factory):
    """The BLS file's Data Scientists (15-2051) lines, unchanged, with the dimension files beside them.

    Loading all 1.5 million lines takes seconds; the figures read by hand below are all 15-2051.
    """
    import gzip
    import shutil

    import careerlens

    source = shared_file("oews-2025/oe.data.0.Current.gz")
    folder = tmp_path_factory.mktemp("oews")
    with gzip.open(source, "rt") as raw, open(folder / "oe.data.0.Current", "w") as subset:
        subset.write(raw.readline())
        subset.writelines(line for line in raw if line[17:23] == "152051")
    for name in ("oe.area", "oe.industry", "oe.occupation", "oe.datatype", "oe.footnote"):
        shutil.copy(source.parent / name, folder / name)
    with careerlens.open_database(":memory:") as store:
        ingest(store, [folder])
        yield store


# Read by hand from oe.data.0.Current.gz (series id, value):
#   OEUN000000000000015205113  120230   national, all industries, Data Scientists, annual median
#   OEUN000000000000015205111   67240   ... annual 10th percentile
#   OEUN000000000000015205115  199130   ... annual 90th percentile
#   OEUS060000000000015205113  141590   California, Data Scientists, annual median
def test_oews_national_data_scientist_wages_read_by_hand(oews_store):
    national = figures.oews_by_industry(oews_store, roles=["data_scientist"])
    row = one(national, soc_code="15-2051", naics_sector="all")
    assert (row.p10, row["median"], row.p90) == (67_240, 120_230, 199_130)
    assert row.release == "May 2025"
    sectors = national[national["naics_sector"] != "all"]
    assert "52" in set(sectors["naics_sector"]) and sectors["industry_code"].str.contains("--").all()


def test_oews_state_wages_read_by_hand(oews_store):
    states = figures.oews_by_state(oews_store, roles=["data_scientist"])
    assert one(states, soc_code="15-2051", state="CA")["median"] == 141_590


def test_roles_sharing_a_soc_code_all_meet_oews():
    pairs = figures.roles_for_soc(["data_scientist", "data_analyst", "actuary"])
    assert dict(zip(pairs["role"], pairs["soc_code"])) == {
        "data_scientist": "15-2051", "data_analyst": "15-2051", "actuary": "15-2011"}


# -- premium -----------------------------------------------------------------------------
@pytest.fixture
def premium_store(db):
    """Two roles; within each, postings asking for SQL pay 10k more; SQL is commoner in the cheaper role."""
    add_file(db)
    add_model(db)
    rows = []
    for role, base, n_sql in (("data_scientist", 150_000, 10), ("data_analyst", 70_000, 30)):
        for i in range(40):
            asks = i < n_sql
            rows.append({"posting_id": f"{role}{i}", "role": role, "salary": base + (10_000 if asks else 0) + i,
                         "topics": ("sql",) if asks else ()})
    add_postings(db, rows)
    return db


def test_premium_is_within_role_so_role_mix_does_not_pose_as_one(premium_store):
    premium = figures.topic_premium(premium_store, model_id=MODEL, min_n=10)
    # Pooled across roles SQL would look like a pay cut (most SQL postings are analysts'): within role it is +10k.
    assert one(premium, topic_id="sql", role="data_scientist").premium == pytest.approx(160_004.5 - 150_024.5)
    within = one(premium, topic_id="sql", role="within_role")
    assert 9_000 < within.premium < 11_000 and within.ci_low < within.premium < within.ci_high


def test_premium_hand_computed_medians(premium_store):
    premium = figures.topic_premium(premium_store, model_id=MODEL, min_n=10)
    cell = one(premium, topic_id="sql", role="data_analyst")
    with_sql = [80_000 + i for i in range(30)]
    without = [70_000 + i for i in range(30, 40)]
    assert (cell.n_with, cell.n_without) == (30, 10)
    assert cell.median_with == np.median(with_sql) and cell.median_without == np.median(without)


def test_premium_interval_is_bonett_prices_and_the_average_combines_the_roles(premium_store):
    premium = figures.topic_premium(premium_store, model_id=MODEL, min_n=10)
    cell = one(premium, topic_id="sql", role="data_analyst")
    with_sql, without = [80_000 + i for i in range(30)], [70_000 + i for i in range(30, 40)]
    assert (cell.premium, cell.se, cell.ci_low, cell.ci_high) == pytest.approx(median_difference(with_sql, without))
    cells = [one(premium, topic_id="sql", role=r) for r in ("data_analyst", "data_scientist")]
    weights = [c.n_with * c.n_without / (c.n_with + c.n_without) for c in cells]     # 7.5 each
    pooled = one(premium, topic_id="sql", role="within_role")
    se = np.sqrt(sum(w**2 * c.se**2 for w, c in zip(weights, cells))) / sum(weights)
    assert pooled.se == pytest.approx(se) and pooled.ci_high - pooled.premium == pytest.approx(1.959964 * se)
    assert (pooled.n_with, pooled.n_without, pooled.n_roles) == (40, 40, 2)


def test_premium_hidden_below_min_n(premium_store):
    premium = figures.topic_premium(premium_store, model_id=MODEL, min_n=30)
    scientist = one(premium, topic_id="sql", role="data_scientist")     # 10 asking, 30 not
    assert scientist.suppressed and np.isnan(scientist.premium) and scientist.n_with == 10
    analyst = one(premium, topic_id="sql", role="data_analyst")         # 30 asking, 10 not
    assert analyst.suppressed
    pooled = one(premium, topic_id="sql", role="within_role")
    # No role is averaged, so the pooled row counts no posting: its n and its (missing) estimate agree.
    assert pooled.suppressed and (pooled.n_with, pooled.n_without, pooled.n_roles) == (0, 0, 0)


# -- curriculum alignment ----------------------------------------------------------------
SMALL_CURRICULUM = """
[programme]
name = "Two modules"
[[module]]
name = "Maths"
hours = 30
[[module.topic]]
id = "sql"
name = "SQL"
description = "d"
seeds = ["SQL"]
[[module.topic]]
id = "python"
name = "Python"
description = "d"
seeds = ["Python"]
[[module]]
name = "Talking"
hours = 40
[[module.topic]]
id = "communication"
name = "Communication"
description = "d"
seeds = ["communication skills"]
"""


def test_curriculum_weights_split_module_hours_among_its_topics():
    weights = figures.curriculum_weights(parse_curriculum(SMALL_CURRICULUM))
    assert dict(zip(weights["topic_id"], weights["weight"])) == pytest.approx(
        {"sql": 15 / 70, "python": 15 / 70, "communication": 40 / 70})


def test_alignment_gap_and_score_by_hand(store):
    curriculum = parse_curriculum(SMALL_CURRICULUM)
    demand = figures.topic_demand(store, model_id=MODEL, roles=["data_scientist"], min_n=1)
    alignment, score = figures.curriculum_alignment(demand, figures.curriculum_weights(curriculum))
    # Data scientists: SQL 10/40, Python 40/40, communication 0/40 -> demand weights 0.2, 0.8, 0.
    got = dict(zip(alignment["topic_id"], alignment["demand_weight"]))
    assert got == pytest.approx({"sql": 0.2, "python": 0.8, "communication": 0.0})
    # score = 1 - 0.5 * (|0.2 - 3/14| + |0.8 - 3/14| + |0 - 4/7|) = 1 - 0.5 * (1/70 + 41/70 + 40/70)
    assert score == pytest.approx(1 - 0.5 * 82 / 70)
    status = dict(zip(alignment["topic_id"], alignment["status"]))
    assert status == {"python": "under-taught (gap)", "sql": "in balance", "communication": "over-taught (surplus)"}


def test_uncovered_skills_leave_out_what_a_topic_covers(db):
    add_file(db)
    add_model(db)
    add_postings(db, [{"posting_id": f"p{i}", "role": "data_scientist",
                       "description": "You will run Kubernetes clusters and build machine learning models in SQL.",
                       "skills": ["Kubernetes", "SQL", "Machine Learning"]} for i in range(3)])
    uncovered = figures.uncovered_skills(db, CURRICULUM, roles=["data_scientist"])
    listed = uncovered[uncovered["kind"] == "listed on postings"]
    assert listed["term"].tolist() == ["kubernetes"] and listed["share"].tolist() == [1.0]
    phrases = set(uncovered[uncovered["kind"] == "phrase"]["term"])
    # The seeds "machine learning" and "SQL" are cut out first: no "build machine", no "learning models".
    assert phrases == {"run kubernetes", "kubernetes clusters"}


def test_uncovered_skills_set_job_functions_and_places_apart(db):
    """LinkedIn lists its job functions ("Information Technology", "Analyst") as skills; descriptions name cities."""
    add_file(db)
    add_model(db)
    add_postings(db, [{"posting_id": f"p{i}", "role": "data_scientist",
                       "description": "Join us in San Francisco or New York to run Kubernetes clusters.",
                       "skills": ["Information Technology", "Analyst", "Kubernetes"]} for i in range(3)])
    uncovered = figures.uncovered_skills(db, CURRICULUM, roles=["data_scientist"])
    assert uncovered[uncovered["kind"] == "listed on postings"]["term"].tolist() == ["kubernetes"]
    assert sorted(uncovered[uncovered["kind"] == "job function"]["term"]) == ["analyst", "information technology"]
    phrases = set(uncovered[uncovered["kind"] == "phrase"]["term"])
    assert "run kubernetes" in phrases and not {"san francisco", "new york"} & phrases


# -- the report as a whole ---------------------------------------------------------------
def test_every_definition_on_the_method_page_is_in_the_docs():
    from pathlib import Path

    from careerlens.report.pages.method import DEFINITIONS

    docs = (Path(__file__).resolve().parents[1] / "docs" / "report.md").read_text(encoding="utf-8")
    missing = [term for term, _ in DEFINITIONS if f"**{term}.**" not in docs]
    assert missing == []


def test_no_labels_is_a_clear_error(db):
    with pytest.raises(CareerlensError, match="careerlens train.*careerlens classify"):
        figures.classifier_model(db)


def test_labels_for_another_curriculum_are_not_used(store):
    with pytest.raises(CareerlensError, match="for the curriculum"):
        figures.classifier_model(store, parse_curriculum(SMALL_CURRICULUM))


@pytest.mark.parametrize("kwargs, message", [
    ({"roles": ["wizard"]}, "unknown role"),
    ({"industries": ["Finance"]}, "unknown NAICS sector"),
    ({"min_n": 0}, "--min-n"),
])
def test_bad_filters_are_usage_errors(store, tmp_path, kwargs, message):
    with pytest.raises(UsageError, match=message):
        build_report(store, out=tmp_path / "r", **kwargs)


def test_report_writes_every_page_and_each_charts_csv(store, tmp_path):
    index = build_report(store, out=tmp_path / "reports", min_n=5)
    assert index == tmp_path / "reports" / "index.html"
    names = {p.name for p in index.parent.iterdir()}
    assert {"index.html", "demand.html", "salaries.html", "premium.html", "curriculum.html",
            "method.html"} <= names
    role_topic = pd.read_csv(index.parent / "demand-role-topic.csv")
    assert one(role_topic, value="data_scientist", topic_id="sql").n_asking == 10
    assert not any(n.startswith(".reports.") for n in {p.name for p in tmp_path.iterdir()})


def test_too_few_target_postings_give_no_score_rather_than_a_wrong_one(store, tmp_path):
    index = build_report(store, roles=["actuary"], out=tmp_path / "r", min_n=30)   # 5 actuaries
    page = (index.parent / "curriculum.html").read_text()
    assert "n/a (fewer than 30 target-role postings)" in page and "nan%" not in page


@pytest.mark.parametrize("metadata, shown", [
    ({"evaluation": {"split": "test", "micro_f1": 0.934, "per_topic": {"sql": {"precision": 0.9, "recall": 1.0,
                                                                          "f1": 0.947}}}},
     ["micro_f1", "0.934", "0.95"]),
    ({"parameters": {"seed": 0}}, ["Accuracy published by careerlens for this curriculum", "656 held-out",
                                   "careerlens evaluate --gold FILE"]),
])
def test_method_page_shows_the_classifiers_measured_accuracy(db, tmp_path, metadata, shown):
    add_file(db)
    add_model(db, metadata=metadata)
    add_postings(db, [{"posting_id": f"p{i}", "role": "data_scientist", "topics": ("sql",)} for i in range(3)])
    page = (build_report(db, out=tmp_path / "r", min_n=1).parent / "method.html").read_text()
    for text in shown:
        assert text in page


def test_a_failed_build_leaves_the_previous_report(store, tmp_path, monkeypatch):
    out = tmp_path / "reports"
    build_report(store, out=out, min_n=5)
    before = (out / "index.html").read_text()
    monkeypatch.setattr("careerlens.report.write.render_page",
                        lambda **kwargs: (_ for _ in ()).throw(RuntimeError("disk full")))
    with pytest.raises(RuntimeError, match="disk full"):
        build_report(store, out=out, min_n=5)
    assert (out / "index.html").read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]      # no half-written folder left


def test_report_keeps_placeholders_but_refuses_a_folder_of_other_files(store, tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    (out / ".gitkeep").write_text("")
    build_report(store, out=out, min_n=5)
    assert (out / ".gitkeep").exists() and (out / "index.html").exists()
    elsewhere = tmp_path / "thesis"
    elsewhere.mkdir()
    (elsewhere / "chapter1.tex").write_text("precious")
    with pytest.raises(UsageError, match="did not write"):
        build_report(store, out=elsewhere, min_n=5)
    assert (elsewhere / "chapter1.tex").read_text() == "precious"


def test_report_command_prints_the_index_path(store, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from careerlens.cli import main

    db_path = tmp_path / "store.duckdb"
    store.execute(f"ATTACH '{db_path}' AS copy")
    store.execute("COPY FROM DATABASE memory TO copy")
    store.execute("DETACH copy")
    runner = CliRunner()
    result = runner.invoke(main, ["report", "--db", str(db_path), "--out", str(tmp_path / "r"),
                                  "--roles", "data_scientist,actuary", "--min-n", "5"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"report written: {tmp_path / 'r' / 'index.html'}"
    bad = runner.invoke(main, ["report", "--db", str(db_path), "--out", str(tmp_path / "r"), "--roles", "wizard"])
    assert bad.exit_code == 2 and "unknown role" in bad.output
