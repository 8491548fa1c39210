"""Implicit demand: a posting asking for a topic also counts for the topics it requires; O*NET ratings beside it.

The small fixture is written by hand (postings and their posting_topics rows), so
every count below can be checked with a pencil; the shared-data tests compare
the SQL with an independent Python walk of the same links.
"""

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import careerlens
from careerlens.classify import TrainingParameters, classify_postings, train
from careerlens.cli import main
from careerlens.curriculum import load_curriculum, parse_curriculum
from careerlens.errors import InputError
from careerlens.ingest import ingest
from careerlens.report import figures
from careerlens.stats import wilson_interval
from careerlens.resources import data_file
from tests.conftest import shared_file
from tests.test_classify import write_postings

FIXTURES = Path(__file__).parent / "fixtures" / "curricula"
MODEL = "hand-model"

#: c requires b, b requires a, e requires a; d stands alone. So c reaches a in two steps.
CHAIN = """
[programme]
name = "Chain"
[[module]]
name = "All"
hours = 50
[[module.topic]]
id = "a"
name = "A"
description = "the foundation"
seeds = ["alpha"]
[[module.topic]]
id = "b"
name = "B"
description = "built on a"
seeds = ["beta"]
requires = [{ topic = "a", why = "b uses a" }]
[[module.topic]]
id = "c"
name = "C"
description = "built on b"
seeds = ["gamma"]
requires = [{ topic = "b", why = "c uses b" }]
[[module.topic]]
id = "d"
name = "D"
description = "nothing requires it"
seeds = ["delta"]
[[module.topic]]
id = "e"
name = "E"
description = "built on a directly"
seeds = ["epsilon"]
requires = [{ topic = "a", why = "e uses a" }]
"""

#: posting -> (role, state, the topics it asks for explicitly). p4 asks for nothing.
HAND_POSTINGS = {
    "p1": ("data_scientist", "CA", ("c", "e")),
    "p2": ("data_scientist", "CA", ("b",)),
    "p3": ("data_scientist", "NY", ("a", "d")),
    "p4": ("actuary", "NY", ()),
    "p5": ("actuary", "CA", ("c", "a")),
}


def hand_store(db, curriculum):
    db.execute("INSERT INTO sources VALUES (1, 'hand.csv', '/tmp/hand.csv', 'sha', 'test', 'postings', 0, 0, 0, 0, "
               "NULL, now(), 0, 'test', NULL)")
    db.execute("INSERT INTO classifier_models VALUES (?, ?, ?, now(), '{}', ''::BLOB)",
               [MODEL, curriculum.name, curriculum.content_hash])
    for row, (posting_id, (role, state, asks)) in enumerate(HAND_POSTINGS.items(), start=1):
        db.execute("INSERT INTO stored_postings (posting_id, source, file_id, source_row, title, description, role, "
                   "country, state) VALUES (?, 'test', 1, ?, ?, 'text', ?, 'US', ?)",
                   [posting_id, row, f"Job {posting_id}", role, state])
        for topic in curriculum.topic_ids:
            positive = topic in asks
            db.execute("INSERT INTO posting_topics VALUES (?, ?, ?, ?, ?, ?)",
                       [posting_id, topic, 0.9 if positive else 0.0, positive,
                        f"{posting_id} asks for {topic}" if positive else None, MODEL])


@pytest.fixture
def chain(db):
    curriculum = parse_curriculum(CHAIN, source="chain.toml")
    hand_store(db, curriculum)
    return db, curriculum


def counts(frame, dimension="all", value="all"):
    rows = frame[(frame["dimension"] == dimension) & (frame["value"] == value)]
    return {t: (e, i) for t, e, i in zip(rows["topic_id"], rows["n_asking"], rows["n_asking_implicit"])}


def test_implicit_demand_by_hand(chain):
    db, curriculum = chain
    demand = figures.topic_demand(db, model_id=MODEL, min_n=1, links=curriculum.prerequisite_links)
    # (explicit, implicit) of 5 postings. a: p3, p5 name it; p1 (via c -> b and e), p2 (via b) add to it.
    # b: p2 names it; p1 and p5 ask for c. c: p1, p5. d: p3 only (nothing requires d). e: p1 only.
    assert counts(demand) == {"a": (2, 4), "b": (1, 3), "c": (2, 2), "d": (1, 1), "e": (1, 1)}
    a = demand[(demand["dimension"] == "all") & (demand["topic_id"] == "a")].iloc[0]
    assert a["n_postings"] == 5 and a["share_implicit"] == pytest.approx(0.8)
    assert (a["ci_low_implicit"], a["ci_high_implicit"]) == pytest.approx(wilson_interval(4, 5))
    # Per role: data scientists p1-p3; actuaries p4, p5 (p5 asks for c and a: a once, not twice).
    assert counts(demand, "role", "data_scientist") == {"a": (1, 3), "b": (1, 2), "c": (1, 1), "d": (1, 1),
                                                        "e": (1, 1)}
    assert counts(demand, "role", "actuary") == {"a": (1, 1), "b": (0, 1), "c": (1, 1), "d": (0, 0), "e": (0, 0)}
    assert counts(demand, "state", "NY") == {"a": (1, 1), "b": (0, 0), "c": (0, 0), "d": (1, 1), "e": (0, 0)}


def test_without_links_implicit_equals_explicit(chain):
    db, _ = chain
    demand = figures.topic_demand(db, model_id=MODEL, min_n=1)
    assert (demand["n_asking"] == demand["n_asking_implicit"]).all()


def test_implicit_shares_are_suppressed_with_the_explicit_ones(chain):
    db, curriculum = chain
    demand = figures.topic_demand(db, model_id=MODEL, min_n=6, links=curriculum.prerequisite_links)
    assert demand["suppressed"].all()
    assert demand["share_implicit"].isna().all() and demand["ci_high_implicit"].isna().all()
    assert (demand.loc[demand["topic_id"] == "a", "n_asking_implicit"] > 0).any()    # n kept, estimate hidden


def test_evidence_path_names_the_requiring_topic_and_its_sentence(chain):
    db, curriculum = chain
    paths = figures.implicit_demand_paths(db, model_id=MODEL, links=curriculum.prerequisite_links)
    got = {(r.topic_id, r.via_topic, r.posting_id): (r.n_postings, r.path, r.evidence) for r in paths.itertuples()}
    assert got == {
        # p1 reaches a through e (one link) and through c -> b (two): it is credited to the shorter path, once.
        ("a", "e", "p1"): (1, "e -> a", "p1 asks for e"),
        ("a", "b", "p2"): (1, "b -> a", "p2 asks for b"),
        ("b", "c", "p1"): (2, "c -> b", "p1 asks for c"),
        ("b", "c", "p5"): (2, "c -> b", "p5 asks for c"),
    }
    # Paths explain exactly the implicit-only postings: implicit minus explicit, per topic.
    demand = counts(figures.topic_demand(db, model_id=MODEL, min_n=1, links=curriculum.prerequisite_links))
    credited = paths.drop_duplicates(["topic_id", "via_topic"]).groupby("topic_id")["n_postings"].sum()
    assert credited.to_dict() == {t: i - e for t, (e, i) in demand.items() if i > e}


def test_alignment_states_its_measure_and_uses_the_implicit_shares(chain):
    db, curriculum = chain
    demand = figures.topic_demand(db, model_id=MODEL, min_n=1, links=curriculum.prerequisite_links)
    weights = figures.curriculum_weights(curriculum)                      # five topics, 10 hours each: 0.2
    implicit, score = figures.curriculum_alignment(demand, weights, measure="implicit")
    assert set(implicit["measure"]) == {"implicit"}
    # implicit shares 0.8, 0.6, 0.4, 0.2, 0.2 (sum 2.2): demand weights 8/22, 6/22, 4/22, 2/22, 2/22
    got = dict(zip(implicit["topic_id"], implicit["demand_weight"]))
    assert got == pytest.approx({"a": 8 / 22, "b": 6 / 22, "c": 4 / 22, "d": 2 / 22, "e": 2 / 22})
    assert score == pytest.approx(1 - 0.5 * sum(abs(w - 0.2) for w in got.values()))
    explicit, _ = figures.curriculum_alignment(demand, weights)
    assert set(explicit["measure"]) == {"explicit"}
    assert dict(zip(explicit["topic_id"], explicit["n_asking"]))["a"] == 2


# -- curriculum errors ---------------------------------------------------------------------------
@pytest.mark.parametrize("fixture, line, key, message", [
    ("cycle_three.toml", 19, "module[1].topic[2].requires",
     "topic 'geometry' is in a prerequisite cycle: geometry -> topology -> geometry"),
    ("cycle.toml", 13, "module[1].topic[1].requires", "topic 'a' is in a prerequisite cycle: a -> b -> a"),
    ("dangling.toml", 13, "module[1].topic[1].requires[1].topic", "topic 'a' requires unknown topic 'calculus'"),
])
def test_bad_link_names_file_topic_and_key(fixture, line, key, message):
    path = FIXTURES / fixture
    with pytest.raises(InputError) as caught:
        load_curriculum(path)
    assert str(caught.value) == f"{path}, line {line}, field '{key}': {message}"


def test_a_topic_requiring_itself_is_refused():
    text = CHAIN.replace('requires = [{ topic = "a", why = "b uses a" }]', 'requires = [{ topic = "b", why = "x" }]')
    with pytest.raises(InputError, match="topic 'b' requires itself") as caught:
        parse_curriculum(text, source="self.toml")
    assert caught.value.field == "module[1].topic[2].requires[1].topic"


def test_onet_knowledge_area_is_checked_against_onets_list():
    text = CHAIN.replace('seeds = ["delta"]', 'seeds = ["delta"]\nonet_knowledge = "Mathematic"')
    with pytest.raises(InputError, match="did you mean 'Mathematics'") as caught:
        parse_curriculum(text, source="onet.toml")
    assert caught.value.field == "module[1].topic[4].onet_knowledge"
    fine = parse_curriculum(text.replace('"Mathematic"', '"Mathematics"'))
    assert fine.topic("d").onet_knowledge == "Mathematics"


def test_links_and_onet_areas_do_not_make_a_trained_model_stale():
    plain = parse_curriculum(CHAIN)
    linked = parse_curriculum(CHAIN.replace('seeds = ["delta"]',
                                            'seeds = ["delta"]\nonet_knowledge = "Mathematics"\n'
                                            'requires = [{ topic = "a", why = "d uses a" }]'))
    assert linked.content_hash == plain.content_hash
    assert parse_curriculum(CHAIN.replace('"delta"', '"delta", "omega"')).content_hash != plain.content_hash


def test_default_curriculum_declares_the_standard_links_with_reasons():
    curriculum = load_curriculum()
    requires = {t.id: {link.topic for link in t.requires} for t in curriculum.topics}
    assert requires["machine_learning"] == {"linear_algebra", "calculus", "probability", "statistics", "optimization"}
    assert {"linear_algebra", "calculus", "optimization"} <= requires["deep_learning"]
    assert requires["statistics"] == {"probability"}
    assert requires["optimization"] == {"calculus", "linear_algebra"}
    assert requires["nlp"] == {"machine_learning", "probability"}
    assert all(link["why"] and "\n" not in link["why"] for link in curriculum.prerequisite_links)
    maths = {t.id for t in curriculum.topics if t.onet_knowledge == "Mathematics"}
    assert maths == {"linear_algebra", "calculus", "optimization", "probability", "statistics"}


# -- shared data: a real corpus, trained and classified ---------------------------------------------
def closure(curriculum) -> dict[str, set[str]]:
    """Every topic -> the topics it requires, directly or not: a plain depth-first walk, independent of the SQL."""
    direct = {t.id: [link.topic for link in t.requires] for t in curriculum.topics}

    def walk(topic, seen):
        for nxt in direct[topic]:
            if nxt not in seen:
                seen.add(nxt)
                walk(nxt, seen)
        return seen
    return {topic: walk(topic, set()) for topic in direct}


@pytest.fixture(scope="module")
def real_corpus():
    """The uncleaned Glassdoor data-science postings, labelled by the default curriculum's classifier."""
    path = shared_file("glassdoor_uncleaned_ds_jobs/Uncleaned_DS_jobs.csv.gz")
    with careerlens.open_database(":memory:") as db:
        ingest(db, [path])
        model = train(db, params=TrainingParameters(max_positives=500, max_background=500), store=True)
        classify_postings(db, model)
        curriculum = load_curriculum()
        model_id = figures.classifier_model(db, curriculum)["model_id"]
        demand = figures.topic_demand(db, model_id=model_id, min_n=1, links=curriculum.prerequisite_links)
        labels = db.sql("SELECT posting_id, topic_id FROM posting_topics WHERE is_positive")
        n_labelled = db.sql("SELECT count(DISTINCT posting_id) AS n FROM posting_topics").n[0]
        paths = figures.implicit_demand_paths(db, model_id=model_id, links=curriculum.prerequisite_links)
        yield curriculum, demand, labels, n_labelled, paths


@pytest.mark.slow
def test_implicit_share_is_at_least_explicit_everywhere_on_real_postings(real_corpus):
    curriculum, demand, _, _, _ = real_corpus
    assert len(demand) > 100
    assert (demand["n_asking_implicit"] >= demand["n_asking"]).all()
    shown = demand[~demand["suppressed"]]
    assert (shown["share_implicit"] >= shown["share"]).all()
    required = set().union(*closure(curriculum).values())
    free = demand[~demand["topic_id"].isin(required)]
    assert set(free["topic_id"]) == set(curriculum.topic_ids) - required
    assert (free["n_asking_implicit"] == free["n_asking"]).all()
    # and the foundations gain: postings ask for machine learning far more than for linear algebra
    overall = counts(demand)
    assert overall["linear_algebra"][1] > overall["linear_algebra"][0]
    assert overall["linear_algebra"][1] >= overall["machine_learning"][0]


@pytest.mark.slow
def test_implicit_counts_match_an_independent_walk_of_the_links(real_corpus):
    curriculum, demand, labels, n_labelled, _ = real_corpus
    reach = closure(curriculum)
    implied = labels.assign(topic_id=labels["topic_id"].map(lambda t: {t} | reach[t])).explode("topic_id")
    expected = implied.drop_duplicates().groupby("topic_id")["posting_id"].nunique()
    overall = demand[demand["dimension"] == "all"].set_index("topic_id")
    assert (overall["n_postings"] == n_labelled).all()
    assert overall["n_asking_implicit"].to_dict() == expected.reindex(overall.index, fill_value=0).to_dict()


@pytest.mark.slow
def test_every_implicit_only_posting_has_one_evidence_path(real_corpus):
    curriculum, demand, _, _, paths = real_corpus
    overall = counts(demand)
    credited = paths.drop_duplicates(["topic_id", "via_topic"]).groupby("topic_id")["n_postings"].sum()
    assert credited.to_dict() == {t: i - e for t, (e, i) in overall.items() if i > e}
    reach = closure(curriculum)
    assert all(row.topic_id in reach[row.via_topic] for row in paths.itertuples())
    assert all(row.path.startswith(row.via_topic + " -> ") and row.path.endswith(" -> " + row.topic_id)
               for row in paths.itertuples())
    assert paths["evidence"].notna().all() and (paths["evidence"].str.len() > 0).all()


# -- a user's own curriculum, end to end through the CLI ---------------------------------------------
def test_user_curriculum_with_links_train_classify_report(tmp_path):
    curriculum_path = FIXTURES / "analytics_chain.toml"
    db_path = tmp_path / "store.duckdb"
    with careerlens.open_database(db_path) as db:
        ingest(db, [write_postings(tmp_path / "DataAnalyst.csv")])
    runner = CliRunner()
    env = {"CAREERLENS_DB": str(db_path)}
    for args in (["train", "--curriculum", str(curriculum_path)], ["classify"],
                 ["report", "--curriculum", str(curriculum_path), "--out", str(tmp_path / "report"), "--min-n", "1"]):
        result = runner.invoke(main, args, env=env)
        assert result.exit_code == 0, (args, result.output)
    with careerlens.open_database(db_path, read_only=True) as db:
        labels = db.sql("SELECT posting_id, topic_id FROM posting_topics WHERE is_positive")
        n_labelled = db.sql("SELECT count(DISTINCT posting_id) AS n FROM posting_topics").n[0]
    # The links of analytics_chain.toml, walked by hand: forecasting -> statistics_basics -> spreadsheets;
    # dashboards -> sql_queries and spreadsheets.
    reach = {"spreadsheets": set(), "sql_queries": set(), "statistics_basics": {"spreadsheets"},
             "forecasting": {"statistics_basics", "spreadsheets"}, "dashboards": {"sql_queries", "spreadsheets"}}
    implied = labels.assign(topic_id=labels["topic_id"].map(lambda t: {t} | reach[t])).explode("topic_id")
    expected = implied.drop_duplicates().groupby("topic_id")["posting_id"].nunique().to_dict()
    overview = pd.read_csv(tmp_path / "report" / "index-top-topics.csv")
    assert set(overview["n_postings"]) == {n_labelled}
    assert dict(zip(overview["topic_id"], overview["n_asking_implicit"])) == \
        {t: expected.get(t, 0) for t in overview["topic_id"]}
    got = dict(zip(overview["topic_id"], zip(overview["n_asking"], overview["n_asking_implicit"])))
    assert got["spreadsheets"][1] > got["spreadsheets"][0]       # dashboards and forecasting postings add to it
    assert got["forecasting"][0] == got["forecasting"][1]        # nothing requires forecasting
    page = (tmp_path / "report" / "curriculum.html").read_text(encoding="utf-8")
    assert "Certificate in Business Analytics" in page
    assert "Under-taught by <b>implicit</b> demand" in page and "Under-taught by <b>explicit</b> demand" in page
    assert "Forecasting -&gt; Statistics basics -&gt; Spreadsheets" in page or \
        "Statistics basics -&gt; Spreadsheets" in page                  # evidence paths by topic name


# -- O*NET ------------------------------------------------------------------------------------------
def raw_knowledge():
    """Knowledge.xlsx read with pandas alone: the ratings as O*NET publishes them."""
    frame = pd.read_excel(shared_file("onet/db_29_3/Knowledge.xlsx"))
    return frame[["O*NET-SOC Code", "Element Name", "Scale ID", "Data Value"]]


def test_bundled_onet_ratings_show_on_a_store_without_onet(db):
    ratings = figures.onet_knowledge_ratings(db, roles=["statistician", "data_scientist"])
    assert set(ratings["origin"]) == {"bundled"} and set(ratings["release"]) == {"29.3"}
    maths = ratings[ratings["element_name"] == "Mathematics"].set_index("onet_soc_code")
    # Knowledge.xlsx sheet rows 7816-7817: Statisticians, Mathematics, IM 4.67, LV 6.24
    assert (maths.loc["15-2041.00", "importance"], maths.loc["15-2041.00", "level"]) == (4.67, 6.24)
    # 29.3 rates Data Scientists (15-2051) only through 15-2051.01 and 15-2051.02; none is made up for .00
    assert sorted(maths[maths["soc_code"] == "15-2051"].index) == ["15-2051.01", "15-2051.02"]


def test_bundled_extract_equals_the_onet_file():
    raw = raw_knowledge()
    with data_file("onet", "onet_knowledge_curriculum.csv") as path:
        bundled = pd.read_csv(path, dtype={"release": str})
    soc_codes = set(figures.role_soc_codes().values())
    raw = raw[raw["O*NET-SOC Code"].str[:7].isin(soc_codes)]
    assert len(bundled) == len(raw) > 1000
    merged = bundled.merge(raw, left_on=["onet_soc_code", "element_name", "scale_id"],
                           right_on=["O*NET-SOC Code", "Element Name", "Scale ID"])
    assert len(merged) == len(bundled)
    assert (merged["data_value"] == merged["Data Value"]).all()


def test_role_rating_averages_the_onet_occupations_under_its_soc_code(db):
    raw = raw_knowledge()
    maths = raw[(raw["Element Name"] == "Mathematics") & (raw["Scale ID"] == "IM")].set_index("O*NET-SOC Code")
    by_role = figures.onet_knowledge_by_role(figures.onet_knowledge_ratings(db))
    row = by_role[(by_role["role"] == "data_scientist") & (by_role["element_name"] == "Mathematics")].iloc[0]
    expected = (maths.loc["15-2051.01", "Data Value"] + maths.loc["15-2051.02", "Data Value"]) / 2
    assert row["importance"] == pytest.approx(expected) and row["n_occupations"] == 2
    assert "15-2051.01 Business Intelligence Analysts" in row["occupations"]
    topics = figures.topic_onet_ratings(load_curriculum(), by_role, roles=["data_scientist", "statistician"])
    calculus = topics.set_index("topic_id").loc["calculus"]
    # two SOC codes: 15-2051 (the mean above) and 15-2041 (15-2041.00 and .01 averaged)
    statisticians = (maths.loc["15-2041.00", "Data Value"] + maths.loc["15-2041.01", "Data Value"]) / 2
    assert calculus["onet_area"] == "Mathematics" and calculus["onet_n_soc"] == 2
    assert calculus["onet_importance"] == pytest.approx((expected + statisticians) / 2)


def test_loaded_onet_replaces_the_bundled_extract(db):
    ingest(db, [shared_file("onet/db_29_3/Knowledge.xlsx")])
    ratings = figures.onet_knowledge_ratings(db, roles=["statistician"])
    assert set(ratings["origin"]) == {"loaded"}
    maths = ratings[(ratings["element_name"] == "Mathematics") & (ratings["onet_soc_code"] == "15-2041.00")].iloc[0]
    assert (maths["importance"], maths["level"], maths["release"]) == (4.67, 6.24, "29.3")
