"""Acronyms the postings define: a long-form seed also finds its acronym, an acronym seed its long form."""

import re

import pytest

import careerlens
from careerlens.classify.acronyms import DEFINITION, acronym_terms, defined_acronyms, long_form
from careerlens.classify.phrases import phrase_pattern
from careerlens.curriculum import parse_curriculum


@pytest.mark.parametrize("words, acronym, expected", [
    ("experience with Extract, Transform and Load", "ETL", "extract transform and load"),
    ("compliance with the Americans with Disabilities Act", "ADA", "americans with disabilities act"),
    ("our Master Data Management", "MDM", "master data management"),
    ("practices such as Test-Driven Development", "TDD", "test driven development"),
    ("our new customer portal", "MDM", None),                           # no initials spell it
])
def test_the_long_form_is_the_run_of_words_whose_initials_spell_the_acronym(words, acronym, expected):
    assert long_form(words, acronym) == expected


def definitions(*texts):
    return [m.group(0) for text in texts for m in re.finditer(DEFINITION, text)]


def test_an_acronym_counts_when_the_postings_define_it_often_and_one_way():
    found = defined_acronyms(definitions(
        *["Own our Master Data Management (MDM) roadmap."] * 3,
        "Extract, Transform, Load (ETL)", "extract transform and load (ETL)", "Extract, Transform and Load (ETL)",
        "Equal Employment Opportunity (EEO)", "Equal Employment Opportunity (EEO)",             # twice: too rare
        *["Continuous Integration (CI)", "Confidence Interval (CI)", "Competitive Intelligence (CI)"] * 2))
    assert found["MDM"] == ("master data management", 3, 3)
    # written three ways, differing only in little words and commas: one long form, with gaps that find them all
    assert found["ETL"] == ("extract * transform * load", 3, 3)
    assert "EEO" not in found and "CI" not in found                     # too rare; no usual long form


CURRICULUM = """
[programme]
name = "Test programme"

[[module]]
name = "Data"
credits = 15

[[module.topic]]
id = "governance"
name = "Data governance"
description = "Keeping data correct and owned."
seeds = ["master data management", "data quality"]

[[module.topic]]
id = "pipelines"
name = "Pipelines"
description = "Moving data between systems."
seeds = ["ETL", "data pipeline"]

[[module.topic]]
id = "ci"
name = "Continuous integration"
description = "Building and testing every change."
seeds = ["continuous integration"]
"""


def test_each_seed_gets_the_other_way_of_writing_it():
    acronyms = {"MDM": ("master data management", 15, 15), "ETL": ("extract * transform * load", 19, 26),
                "CI": ("continuous integration", 9, 9)}
    learned = acronym_terms(parse_curriculum(CURRICULUM), acronyms)
    assert learned == {"governance": ("MDM",), "pipelines": ("extract * transform * load",), "ci": ()}
    # ... a two-letter acronym ("CI") stands for too many things to be added
    assert re.search(phrase_pattern(learned["pipelines"][0]), "extract, transform and load data", re.I)


def test_a_term_two_topics_would_claim_goes_to_neither():
    twice = CURRICULUM.replace('seeds = ["continuous integration"]',
                               'seeds = ["continuous integration", "master data management"]')
    learned = acronym_terms(parse_curriculum(twice), {"MDM": ("master data management", 15, 15)})
    assert learned["governance"] == () and learned["ci"] == ()


def test_the_real_postings_define_master_data_management(shared_postings):
    """The six posting folders write "master data management (MDM)" 15 times and "amazon web services (AWS)"
    20 times (a plain case-blind search of the descriptions; the other "(MDM)" and six "(AWS)" follow words
    whose initials do not spell them, and define nothing)."""
    with careerlens.open_database(shared_postings) as db:
        db.run_script("classify/texts_from_sample", {"seed": 0, "max_postings": 20_000})
        found = defined_acronyms(db.query("classify/acronym_definitions", {"definition": DEFINITION}).definition)
    assert found["MDM"] == ("master data management", 15, 15)
    assert found["AWS"] == ("amazon web services", 20, 20)
