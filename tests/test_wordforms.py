"""Word forms and glued text: a seed written once finds the forms postings use, and no more."""

import re

import pyarrow as pa
import pytest

from careerlens.classify import CONTEXT, SEED, PhraseMatcher, phrase_pattern, split_camel_case
from careerlens.classify.learned import rephrased_phrases
from careerlens.classify.phrases import GLUE_MARK
from careerlens.classify.wordforms import derived_verbs, forms_pattern, word_forms
from careerlens.curriculum import load_curriculum, parse_curriculum


@pytest.mark.parametrize("phrase, text, found", [
    ("communication skills", "strong communication skill", True),       # a plural seed finds the singular
    ("communication skill", "Communication Skills", True),
    ("regression testing", "regression tests", True),                 # an exclusion covers its inflections
    ("deploy * model", "deployed the models", True),
    ("manage * project", "managing multiple projects", True),
    ("A/B test", "A/B testing", True),
    ("Excel", "excels at customer service", False),                  # a name is matched as written
    ("Excel", "MS-Excel", True),
    ("Tableau", "Tableaus", False),
    ("API", "REST APIs", True),                                      # an acronym also in the plural
    ("SAS", "LESS and SASS", False),                                 # ... with a lower-case s only
    ("clustering", "Spark clusters", False),                         # a lone -ing word is a noun
    ("clustering", "clusterings", True),
    ("neural net", "Neural Nets", True),                             # short words are inflected too
    ("excel at", "excel at", True),                                  # little words as written
    ("excel at", "excel ats", False),
    ("Elasticsearch", "Elastic Search", True),                       # a compound also written apart
    ("dashboard", "KPI dash boards", True),
    ("database", "data base", True),
    ("regression", "regress ion", False),                            # ... of two nouns of four letters or more,
    ("Salesforce", "lead a sales force", False),                      # ... the first singular
    ("MongoDB", "Mongo and Redis", True),                            # a database's name without "DB"
    ("MongoDB", "Mongo DB", True),
    ("InfluxDB", "an influx of data", False),                        # ... unless that is an English word
])
def test_a_seed_finds_its_word_forms(phrase, text, found):
    assert bool(re.search(phrase_pattern(phrase), text, re.IGNORECASE | re.ASCII)) is found


def test_word_forms_come_from_the_inflection_tables():
    assert set(word_forms("skills")) >= {"skill", "skills"}
    assert word_forms("analysis") == ("analyses", "analysis")
    assert "rials" not in word_forms("real")                       # forms must keep the word's beginning
    assert word_forms("the") == ("the",)
    assert word_forms("c++") == ("c++",)


def test_forms_share_one_branch_of_the_pattern():
    assert forms_pattern(["test", "tested", "testing", "tests"]) == "test(?:ing|ed|s)?"
    assert forms_pattern(["query", "queries", "queried"]) == "quer(?:ied|ies|y)"
    assert forms_pattern(["sql"]) == "sql"


def test_an_exclusion_never_hides_a_seed_as_written():
    """The default curriculum excludes "sparks" (the verb) from big data: "Spark" still counts, "sparks" not."""
    matcher = PhraseMatcher(load_curriculum())
    big_data = matcher.topic_ids.index("big_data")
    assert matcher.kinds("Spark")[0][big_data] == 3
    assert matcher.kinds("sparks")[0][big_data] == 0


def test_glued_text_hides_a_phrase_until_split():
    assert not re.search(phrase_pattern("Tableau"), "Skills: TableauA/B Testing", re.IGNORECASE | re.ASCII)


@pytest.mark.parametrize("scraped, phrase", [
    ("Skills: TableauA/B Testing", "A/B test"),          # a capital after lower case, before a non-letter
    ("Skills: TableauA/B Testing", "Tableau"),
    ("preferredMachine learning", "machine learning"),
    ("RESPONSIBILITIESMaintain dashboards", "dashboard"),
])
def test_glued_words_are_split_before_matching(scraped, phrase):
    assert re.search(phrase_pattern(phrase), split_camel_case(scraped), re.IGNORECASE | re.ASCII)


def test_glue_splitting_keeps_names_whole_where_no_glue_was_lost():
    assert split_camel_case("iOS and macOS") == "iOS and macOS"
    assert GLUE_MARK in split_camel_case("PhD.")           # the same split on the phrase side keeps "PhD" matching
    assert re.search(phrase_pattern("PhD"), split_camel_case("PhD."), re.I)


@pytest.mark.parametrize("noun, verbs", [
    ("validation", ("validate",)), ("management", ("manage",)), ("governance", ("govern",)),
    ("compliance", ("comply",)), ("modelling", ("model",)), ("segmentation", ("segment",)),
    ("analysis", ("analyse", "analyze")), ("quality", ()), ("warehouse", ()), ("storytelling", ()),
])
def test_a_noun_of_action_knows_its_verb(noun, verbs):
    assert derived_verbs(noun) == verbs


@pytest.mark.parametrize("phrase, text, found", [
    ("data validation", "Validate incoming data daily", True),
    ("data validation", "we validated the data", True),
    ("project management", "managing multiple projects", True),
    ("demand forecasting", "forecasting product demand", True),
    ("optimization modeling", "model optimization", False),         # a noun compound, not the verb
    ("optimization modeling", "model the optimization problem", True),
    ("data integration", "an integrated data platform", False),     # an adjective, not the verb
    ("data modeling", "build models on available data", False),     # a preposition breaks it
    ("data validation", "validate with data", False),
    ("statistical modeling", "model statistical", False),           # an adjective is no object
    ("Power BI", "BI power", False),                                # names are never turned
])
def test_a_turned_phrase_finds_its_verb_first_form(phrase, text, found):
    assert bool(re.search(phrase_pattern(phrase, turned=True), text, re.IGNORECASE | re.ASCII)) is found
    assert not re.search(phrase_pattern(phrase), text, re.IGNORECASE | re.ASCII) or phrase in text


def test_a_turned_phrase_does_not_hide_the_phrase_it_overlaps():
    """"manage data pipelines" names both topics: the phrases said verb first are found by a pattern of their own."""
    curriculum = written_curriculum({"governance": ["data management"], "pipelines": ["data pipeline"]})
    matcher = PhraseMatcher(curriculum, turned=["data management"])
    sentence = "You will manage data pipelines"
    hits = pa.array([re.findall(matcher.trigger, sentence) + re.findall(matcher.turned, sentence)])
    assert hits.to_pylist() == [["data pipelines", "manage data"]]
    assert matcher.sentence_kinds(hits, pa.array([sentence]))[0].tolist() == [[SEED, SEED]]
    assert PhraseMatcher(curriculum).sentence_kinds(hits, pa.array([sentence]))[0].tolist() == [[0, SEED]]


def test_the_corpus_decides_which_phrases_turn():
    """A verb-first form far commoner than the skill's name is an everyday phrase ("answer questions")."""
    curriculum = written_curriculum({"qa": ["question answering"], "quality": ["data validation"],
                                     "planning": ["demand planning"]})
    sentences = pa.array(["answer questions from customers"] * 5 + ["build question answering systems",
                          "validate data feeds", "data validation rules", "demand planning"])
    assert rephrased_phrases(curriculum, sentences)[0] == ("data validation",)    # "plan demand" never said


@pytest.mark.parametrize("phrase, text, found", [
    ("communication skills", "strong communication and interpersonal skills", True),   # the last word shared
    ("communication skills", "communication, presentation and writing skills", True),
    ("communication skills", "communication or problem solving skills", True),
    ("data quality", "own data reliability and quality", True),                        # the first word shared
    ("data quality", "data reliability, efficiency and quality", True),
    ("mathematical optimization", "develop mathematical models and optimization algorithms", True),
    ("machine learning", "machine and deep learning", True),
    ("business requirement", "business/company requirements", True),
    ("data governance", "data and governance", False),            # nothing shared: two items of a list
    ("data pipeline", "data from sources and build pipelines", False),
    ("communication skills", "communications and skills", False),
    ("optimization technique", "SQL, optimization, and warehousing techniques", False),   # the tail of a list
    ("language model", "languages and programming models", False),   # a modifier is not inflected
    ("Power BI", "Power and BI", False),                          # names are never coordinated
])
def test_a_coordinated_phrase_finds_the_items_that_share_its_words(phrase, text, found):
    assert bool(re.search(phrase_pattern(phrase, coordinated=True), text, re.IGNORECASE | re.ASCII)) is found
    assert not re.search(phrase_pattern(phrase), text, re.IGNORECASE | re.ASCII)


def test_a_coordinated_seed_names_its_topic_beside_the_phrase_it_overlaps():
    """"mathematical models and optimization algorithms" holds the context seed "optimization" and, shared in a
    coordination, the seed "mathematical optimization": the sentence counts as a seed's."""
    curriculum = written_curriculum({"optimisation": ["mathematical optimization"]},
                                    context={"optimisation": ["optimization"]})
    sentence = "Develop mathematical models and optimization algorithms"
    matcher = PhraseMatcher(curriculum, coordinated=["mathematical optimization"])
    hits = pa.array([re.findall(matcher.trigger, sentence) + re.findall(matcher.coordinated, sentence)])
    assert hits.to_pylist() == [["optimization", "mathematical models and optimization"]]
    assert re.search(matcher.rephrased_filter, sentence)
    assert matcher.sentence_kinds(hits, pa.array([sentence]))[0].tolist() == [[SEED]]
    assert PhraseMatcher(curriculum).sentence_kinds(hits, pa.array([sentence]))[0].tolist() == [[CONTEXT]]


def test_the_corpus_decides_which_phrases_are_coordinated():
    """Only the seeds the sample says in a coordination get the longer pattern; exclusions never do."""
    curriculum = written_curriculum({"quality": ["data quality"], "soft": ["communication skills"],
                                     "planning": ["demand planning"], "optimization": ["optimization model"]},
                                    context={"optimization": ["optimization"]})
    sentences = pa.array(["data reliability and quality", "data quality checks", "communication skills",
                          "communication and interpersonal skills", "demand planning",
                          "optimization models", "process optimization and using models"])
    # "optimization" alone is a context seed: the word needs "model" beside it, so it is never coordinated
    assert rephrased_phrases(curriculum, sentences)[1] == ("communication skills", "data quality")


def written_curriculum(seeds_by_topic, context=None):
    context = context or {}
    return parse_curriculum("\n".join(
        ['[programme]\nname = "Turned"\n[[module]]\nname = "M"\ncredits = 10'] +
        [(f'[[module.topic]]\nid = "{topic}"\nname = "{topic}"\ndescription = "{topic}"\nseeds = {seeds!r}\n'
          f'context_seeds = {context.get(topic, [])!r}').replace("'", '"')
         for topic, seeds in seeds_by_topic.items()]))


@pytest.mark.parametrize("sentence, counts", [
    ("Dashboards in Python or R", True),
    ("Present findings to R&D management", False),     # an abbreviation of its own, unless the curriculum says so
    ("our R & D lab", False),
    ("Q&A sessions in R", True),
])
def test_a_one_letter_seed_is_not_found_inside_an_abbreviation(sentence, counts):
    matcher = PhraseMatcher(written_curriculum({"python_r": ["Python", "R"]}))
    hits = pa.array([re.findall(matcher.trigger, sentence)])
    assert bool(matcher.sentence_kinds(hits, pa.array([sentence]))[0][0, 0] == SEED) is counts
