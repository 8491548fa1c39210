"""Word forms and glued text: a seed written once finds the forms postings use, and no more."""

import re

import pytest

from careerlens.classify import PhraseMatcher, phrase_pattern, split_camel_case
from careerlens.classify.wordforms import forms_pattern, word_forms
from careerlens.curriculum import load_curriculum


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
    ("clustering", "Spark clusters", False),                         # a lone -ing word is a noun
    ("clustering", "clusterings", True),
    ("neural net", "Neural Nets", True),                             # short words are inflected too
    ("excel at", "excel at", True),                                  # little words as written
    ("excel at", "excel ats", False),
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
    assert "\u2060" in split_camel_case("PhD.")           # the same split on the phrase side keeps "PhD" matching
    assert re.search(phrase_pattern("PhD"), split_camel_case("PhD."), re.I)
