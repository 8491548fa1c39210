"""Curriculum files: the bundled default, a user's own file, and errors that name file, line and key."""

from pathlib import Path

import pytest

from careerlens.curriculum import bundled_curriculum_names, load_curriculum, parse_curriculum
from careerlens.errors import CurriculumNotFoundError, InputError

FIXTURES = Path(__file__).parent / "fixtures" / "curricula"

DEFAULT_TOPICS = ("linear_algebra", "calculus", "optimization", "probability", "statistics", "python",
                  "r_programming", "sql", "machine_learning", "deep_learning", "nlp", "data_visualization",
                  "big_data", "mlops", "communication")


def test_default_curriculum_has_exactly_the_fifteen_topics():
    curriculum = load_curriculum()
    assert curriculum.name == "Postgraduate Certificate in Maths for Machine Learning and AI Applications"
    assert sorted(curriculum.topic_ids) == sorted(DEFAULT_TOPICS)
    assert curriculum.source == "data/curricula/maths-for-ml.toml"
    assert all(m.hours or m.credits for m in curriculum.modules)
    assert all(topic.seeds and topic.description for topic in curriculum.topics)


def test_default_curriculum_rejects_the_issues_false_hits_by_exclusion():
    topics = {t.id: t for t in load_curriculum().topics}
    assert "R&D" in topics["r_programming"].exclude
    assert "NoSQL" in topics["sql"].exclude
    assert "AI company" in topics["machine_learning"].exclude


def test_user_curriculum_loads_with_sizes_links_and_context_seeds():
    curriculum = load_curriculum(FIXTURES / "spreadsheets.toml")
    assert curriculum.name == "Short Course in Spreadsheets and Surveys"
    assert curriculum.topic_ids == ("spreadsheets", "surveys")
    first, second = curriculum.modules
    assert (first.hours, first.credits) == (20.0, None)
    assert (second.hours, second.credits) == (None, 5.0)
    surveys = curriculum.topic("surveys")
    assert surveys.module == "Survey Methods"
    assert surveys.context_seeds == ("survey",)
    assert surveys.exclude == ("land survey", "surveying equipment")
    assert [(link.topic, link.why) for link in surveys.requires] == [
        ("spreadsheets", "survey answers are tabulated in a spreadsheet")]


@pytest.mark.parametrize("fixture, line, key, message", [
    ("bad_syntax.toml", 5, None, "not valid TOML"),
    ("unclosed.toml", 11, None, "Unclosed array"),
    ("unknown_key.toml", 19, "module[1].topic[2].exlude", "did you mean 'exclude'?"),
    ("duplicate_id.toml", 19, "module[2].topic[1].id", "duplicate topic id 'stats' (first defined on line 9)"),
    ("missing_seeds.toml", 14, "module[1].topic[2]", "missing required key 'seeds'"),
    ("empty_seeds.toml", 12, "module[1].topic[1].seeds", "non-empty list of phrases"),
    ("no_size.toml", 5, "module[1].name", "hours = ... or credits = ..."),
    ("bad_id.toml", 9, "module[1].topic[1].id", "lower case letters"),
    ("cycle.toml", 13, "module[1].topic[1].requires", "prerequisite cycle: a -> b -> a"),
    ("dangling.toml", 13, "module[1].topic[1].requires[1].topic", "requires unknown topic 'calculus'"),
])
def test_invalid_curriculum_names_file_line_and_key(fixture, line, key, message):
    path = FIXTURES / fixture
    with pytest.raises(InputError) as caught:
        load_curriculum(path)
    error = caught.value
    assert str(error.file) == str(path)
    assert error.row == line and error.is_line
    assert error.field == key
    assert message in str(error)
    assert f"{path}, line {line}" in str(error)


def test_a_bundled_curriculum_is_loaded_by_its_name():
    assert bundled_curriculum_names() == ("maths-for-ml",)
    named = load_curriculum("maths-for-ml")
    assert named == load_curriculum() and named.bundled_name == "maths-for-ml"
    assert named.cli_option == ""                                   # the default needs no --curriculum
    assert load_curriculum(FIXTURES / "spreadsheets.toml").cli_option == f" --curriculum {FIXTURES}/spreadsheets.toml"


def test_a_file_of_that_name_in_the_working_folder_comes_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "maths-for-ml").write_text((FIXTURES / "spreadsheets.toml").read_text())
    mine = load_curriculum("maths-for-ml")
    assert mine.name == "Short Course in Spreadsheets and Surveys" and mine.bundled_name is None


@pytest.mark.parametrize("value, message", [
    ("maths", "maths: no such curriculum file, and no bundled curriculum of that name; "
              "the bundled curricula, named without a folder or .toml, are: maths-for-ml"),
    ("maths-for-ml.toml", "maths-for-ml.toml: no such curriculum file; "
                          "the bundled curricula, named without a folder or .toml, are: maths-for-ml"),
    ("curricula/maths-for-ml", "curricula/maths-for-ml: no such curriculum file; "
                               "the bundled curricula, named without a folder or .toml, are: maths-for-ml"),
])
def test_neither_a_file_nor_a_bundled_name_lists_the_bundled_names(tmp_path, monkeypatch, value, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CurriculumNotFoundError) as caught:
        load_curriculum(value)
    assert str(caught.value) == message


def test_missing_file_is_named():
    with pytest.raises(InputError, match="no such curriculum file"):
        load_curriculum(FIXTURES / "nope.toml")


def test_hash_ignores_comments_and_layout_but_not_content():
    text = (FIXTURES / "spreadsheets.toml").read_text()
    base = parse_curriculum(text).content_hash
    assert parse_curriculum("# a new comment\n" + text.replace(" = ", "   =   ")).content_hash == base
    assert parse_curriculum(text.replace('"VLOOKUP"', '"XLOOKUP"')).content_hash != base


@pytest.mark.parametrize("snippet, message", [
    ('[programme]\nname = ""\n[[module]]\nname = "m"\nhours = 1\n[[module.topic]]\nid = "a"\nname = "A"\n'
     'description = "d"\nseeds = ["x"]\n', "must be a non-empty string"),
    ('[programme]\nname = "P"\n[[module]]\nname = "m"\nhours = -3\n[[module.topic]]\nid = "a"\nname = "A"\n'
     'description = "d"\nseeds = ["x"]\n', "must be a positive number"),
    ('[programme]\nname = "P"\n[[module]]\nname = "m"\nhours = 1\n[[module.topic]]\nid = "a"\nname = "A"\n'
     'description = "d"\nseeds = ["x", "--"]\n', "a letter or digit"),
    *[('[programme]\nname = "P"\n[[module]]\nname = "m"\nhours = 1\n[[module.topic]]\nid = "a"\nname = "A"\n'
       f'description = "d"\nseeds = ["x", "{phrase}"]\n', "must stand alone between two words")
      for phrase in ("deploy *", "* model", "deploy*model", "deploy ** model", "deploy * * model")],
])
def test_bad_values_are_refused(snippet, message):
    with pytest.raises(InputError, match=message):
        parse_curriculum(snippet, source="inline.toml")
