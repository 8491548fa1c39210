"""Learning beyond the seeds: a term space from the postings, terms learned per topic, suggestions to review."""

import dataclasses

import pyarrow as pa
import pytest
from click.testing import CliRunner

import careerlens
from careerlens.classify import train
from careerlens.classify.learned import learn_terms, related_terms, with_learned_terms
from careerlens.classify.suggest import suggest_phrases
from careerlens.classify.termspace import TermSpace
from careerlens.cli import main
from careerlens.curriculum import load_curriculum

CURRICULA = __import__("pathlib").Path(__file__).parent / "curricula"


def sentences_of(*texts, repeat=6):
    """Token lists, one per sentence, each text repeated so that its words pass the count threshold."""
    return pa.array([text.lower().split() for text in texts] * repeat, pa.list_(pa.string()))


def test_words_used_alike_lie_close():
    """Looker appears where Tableau does; a forklift never does."""
    space = TermSpace.fit(sentences_of(
        "build dashboards in tableau for the executives", "build dashboards in looker for the executives",
        "create reports in tableau every week", "create reports in looker every week",
        "drive the forklift in the warehouse", "load the forklift and the truck"))
    looker, tableau, forklift = (space.vector(w) for w in ("looker", "tableau", "forklift"))
    assert looker @ tableau > 0.9
    assert looker @ forklift < looker @ tableau - 0.3


def test_a_phrase_of_two_words_has_its_own_vector():
    space = TermSpace.fit(sentences_of("experience with map reduce jobs", "experience with spark jobs",
                                       "map reduce and spark on the cluster", "we map the journey"))
    assert "map reduce" in space.index
    assert space.vector("Map-Reduce") is not None                 # spelled as a curriculum would
    assert space.vector("never seen words") is None


def test_the_space_does_not_depend_on_sentence_order():
    texts = ["build dashboards in tableau", "create reports in looker", "tableau and looker dashboards"]
    one = TermSpace.fit(sentences_of(*texts))
    other = TermSpace.fit(sentences_of(*reversed(texts)))
    assert list(one.terms) == list(other.terms)
    assert abs(one.vectors - other.vectors).max() < 1e-5


@pytest.fixture(scope="module")
def shared_store(shared_postings):
    return shared_postings


def two_seeds(curriculum):
    modules = tuple(dataclasses.replace(m, topics=tuple(dataclasses.replace(t, seeds=t.seeds[:2]) for t in m.topics))
                    for m in curriculum.modules)
    return dataclasses.replace(curriculum, modules=modules)


@pytest.fixture(scope="module")
def two_seed_model(shared_store):
    """The data-engineering curriculum cut to two seeds a topic, trained on the real postings."""
    curriculum = two_seeds(load_curriculum(CURRICULA / "data-engineering.toml"))
    with careerlens.open_database(shared_store) as db:
        return curriculum, train(db, curriculum, store=False)


@pytest.fixture(scope="module")
def business_suggestions(shared_store):
    with careerlens.open_database(shared_store) as db:
        return suggest_phrases(db, load_curriculum(CURRICULA / "business-analytics.toml"), limit=10)


@pytest.mark.slow
def test_tools_of_a_trade_are_learned_from_the_real_postings(two_seed_model):
    """Seeded with only "Spark" and "Hadoop", distributed processing learns Hadoop's own tools from the
    postings (Hive, HDFS, Pig, Impala, HBase, MapReduce: the Apache Hadoop ecosystem)."""
    curriculum, model = two_seed_model
    learned = set(model.learned_terms["distributed_processing"])
    assert learned & {"hive", "hdfs", "pig", "impala", "hbase", "map reduce"}
    assert not learned & {"excel", "python", "tableau"}
    coverage = model.metadata["per_topic"]["distributed_processing"]
    assert coverage["added_postings"] > 0 and coverage["learned_terms"] == list(model.learned_terms["distributed_processing"])


@pytest.mark.slow
def test_learned_terms_count_like_seeds(two_seed_model):
    curriculum, model = two_seed_model
    matcher = model.matcher()
    hive = next(t for t in model.learned_terms["distributed_processing"] if t in ("hive", "hdfs", "pig", "impala"))
    assert matcher.kinds(hive.upper())[0][matcher.topic_ids.index("distributed_processing")] == 3
    assert with_learned_terms(curriculum, {}) is curriculum


@pytest.mark.slow
def test_suggestions_name_bi_tools_and_boilerplate_to_exclude(business_suggestions):
    """For a BI topic seeded with Tableau and Power BI the postings suggest other BI tools; for machine
    learning's context seed "classification", the equal-opportunity boilerplate ("protected classification")."""
    bi = [s for s in business_suggestions if s.topic_id == "bi_dashboards"]
    ml = [s for s in business_suggestions if s.topic_id == "machine_learning"]
    to_add = {s.phrase for s in bi if s.action == "seed"}
    assert to_add & {"spotfire", "domo", "qlikview", "micro strategy", "cognos", "business objects", "looker"}
    assert all(s.postings > 0 and s.example for s in bi)
    to_exclude = {s.phrase for s in ml if s.action == "exclude"}
    assert to_exclude & {"protected classification", "classification protected"}


@pytest.mark.slow
def test_cli_suggest_prints_toml_ready_to_paste(shared_store):
    import tomllib

    result = CliRunner().invoke(main, ["curriculum", "suggest", "--db", str(shared_store), "--curriculum",
                                       str(CURRICULA / "business-analytics.toml"), "--topic", "bi_dashboards",
                                       "--format", "toml", "--limit", "3"])
    assert result.exit_code == 0, result.output
    parsed = tomllib.loads(result.stdout)
    assert 1 <= len(parsed["seeds"]) <= 3 and len(parsed["exclude"]) <= 3


def test_cli_suggest_refuses_an_unknown_topic(tmp_path):
    with careerlens.open_database(tmp_path / "store.duckdb"):
        pass
    result = CliRunner().invoke(main, ["curriculum", "suggest", "--db", str(tmp_path / "store.duckdb"),
                                       "--topic", "astrology"])
    assert result.exit_code == 2
    assert "astrology" in result.output and "linear_algebra" in result.output


def test_related_terms_skip_what_the_curriculum_already_says():
    space = TermSpace.fit(sentences_of("experience with tableau dashboards", "experience with looker dashboards",
                                       "tableau or looker or qlik", "build qlik dashboards"))
    curriculum = load_curriculum(CURRICULA / "business-analytics.toml")
    related = related_terms(curriculum, space, min_similarity=0.0, margin=0.0)
    terms = {r.term for terms in related.values() for r in terms}
    assert "tableau" not in terms                  # a seed already
    assert learn_terms(curriculum, space, min_similarity=1.01) == {t: () for t in curriculum.topic_ids}


def test_the_method_page_shows_what_each_topic_s_seeds_cover():
    """The report's Data and method page carries train's per-topic coverage from the stored metadata."""
    from careerlens.report.blocks import Table
    from careerlens.report.pages.method import classifier_blocks

    metadata = {"curriculum": {"topics": ["bi_dashboards", "sql"]},
                "per_topic": {"bi_dashboards": {"seed_postings": 120, "added_postings": 14, "mean_score": 0.81,
                                                "learned_terms": ["spotfire", "domo"],
                                                "postings_per_seed": {"Tableau": 90, "Sisense": 0, "Mode": 0}},
                              "sql": {"seed_postings": 300, "added_postings": 0, "mean_score": 0.9,
                                      "learned_terms": []}}}
    model = {"model_id": "m-1", "trained_at": "2026-12-06 10:00", "curriculum_name": "MSc Business Analytics",
             "curriculum_hash": "abc", "postings_labelled": 400, "metadata": metadata}
    tables = [b for b in classifier_blocks(model) if isinstance(b, Table) and "Seed coverage" in b.caption]
    assert len(tables) == 1
    frame = tables[0].frame.set_index("topic")
    assert frame.loc["bi_dashboards", "added_postings"] == 14
    assert frame.loc["bi_dashboards", "learned_terms"] == "spotfire, domo"
    assert frame.loc["bi_dashboards", "seeds_not_found"] == "Sisense, Mode"
    assert frame.loc["sql", "seeds_not_found"] == ""          # a model trained before seeds were counted


def test_a_seeds_neighbours_stop_at_brackets_and_glued_headings():
    """Exclusions are offered for a seed and the word beside it; a word past a bracket, or a heading that
    scraping glued on after the seed, is not beside it."""
    from careerlens.classify.suggest import neighbour_pattern, seed_neighbours

    around = neighbour_pattern(["communication skill", "presentation skill", "Excel"])
    assert seed_neighbours("You excel at building rapport", around) == ["excel at"]
    assert seed_neighbours("strong presentation skills (MS Visio, PowerPoint)", around) == ["strong presentation skills"]
    assert seed_neighbours("Good oral communication skills Job Type: Contract", around) == ["oral communication skills"]
    assert seed_neighbours("Advanced Excel-based modelling", around) == ["advanced excel", "excel based"]
    assert seed_neighbours("communication skills, and a degree", around) == []


@pytest.mark.slow
@pytest.mark.parametrize("field, seed, said, phrase_kinds", [
    ("turned_phrases", "data governance", "governs the data", ("seeds", "context_seeds", "exclude")),
    ("coordinated_phrases", "data quality", "data reliability, efficiency and quality", ("seeds", "context_seeds")),
])
def test_phrases_the_postings_say_another_way_count_that_way(two_seed_model, field, seed, said, phrase_kinds):
    """The real postings say "data governance" also as "govern ... data", and "data quality" inside lists
    ("data reliability and quality"), no more often than as written: the model counts those forms as the
    seed, for the curriculum's own phrases only (in a coordination, not its exclusions)."""
    curriculum, model = two_seed_model
    assert seed in getattr(model, field)
    assert model.metadata[field] == list(getattr(model, field))
    matcher = model.matcher()
    governance = matcher.topic_ids.index("data_quality_governance")
    assert matcher.kinds(said)[0][governance] == 3
    written = {p for topic in curriculum.topics for kind in phrase_kinds for p in getattr(topic, kind)}
    assert set(getattr(model, field)) <= written
