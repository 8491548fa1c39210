"""Occupations as roles: a curriculum's target_occupations (SOC codes) and --roles by SOC code or occupation.

A title no curated role claims takes its SOC occupation title as its role
(``Registered Nurse`` -> ``Registered Nurses``; see tests/test_taxonomy.py), so a
programme that is not about data can name the occupations it prepares for.
"""

import importlib

import pytest
from click.testing import CliRunner

import careerlens
from careerlens.cli import main
from careerlens.curriculum import load_curriculum, parse_curriculum
from careerlens.errors import InputError, UsageError
from careerlens.occupations import soc_code_problem, soc_occupations
from careerlens.report.collect import collect, occupation_roles
from careerlens.resources import data_text
from tests.test_report_figures import add_file, add_model, add_postings

DEFAULT_TEXT = data_text("curricula", "maths-for-ml.toml")


def with_targets(targets: str, text: str = DEFAULT_TEXT) -> str:
    """The curriculum text with ``target_occupations = <targets>`` added to its [programme] table."""
    return text.replace("[programme]\n", f"[programme]\ntarget_occupations = {targets}\n", 1)


# -- the curriculum key --------------------------------------------------------------------------------------------
def test_target_occupations_are_read_and_leave_the_trained_model_current():
    curriculum = parse_curriculum(with_targets('["29-1141", "15-1211", "29-1141"]'))
    assert curriculum.target_occupations == ("29-1141", "15-1211")     # a repeated code counts once
    assert curriculum.content_hash == load_curriculum().content_hash    # the classifier does not read them
    assert load_curriculum().target_occupations == ()


@pytest.mark.parametrize("targets, message", [
    ('["29-1141.00"]', "'29-1141.00' is an O*NET-SOC code; write its SOC 2018 code '29-1141'"),
    ('["15-1250"]', "'15-1250' is a SOC group, not a detailed occupation; the detailed occupations in it: "
                    "15-1251 Computer Programmers, 15-1252 Software Developers"),
    ('["99-9999"]', "'99-9999' is not a detailed SOC 2018 occupation"),
    ('["nurse"]', "'nurse' is not a SOC code"),
    ('[29]', "a SOC code is written as text"),
    ('[]', "must be a non-empty list of SOC 2018 codes"),
    ('"29-1141"', "must be a non-empty list of SOC 2018 codes"),
])
def test_a_bad_target_occupation_names_file_line_and_field(targets, message):
    with pytest.raises(InputError) as refused:
        parse_curriculum(with_targets(targets), source="nursing.toml")
    error = refused.value
    assert (str(error.file), error.field, error.is_line) == ("nursing.toml", "programme.target_occupations", True)
    assert error.row == DEFAULT_TEXT.splitlines().index("[programme]") + 2
    assert message in str(error)


def test_the_known_occupations_are_the_bundled_onet_and_oews_codes():
    occupations = soc_occupations()
    assert occupations["29-1141"] == "Registered Nurses"
    assert occupations["21-1018"].startswith("Substance Abuse")       # published by OEWS, split by O*NET
    assert len(occupations) == 872 and soc_code_problem("15-2051") is None


# -- the report ----------------------------------------------------------------------------------------------------
@pytest.fixture
def clinic(db):
    """10 data scientists, 6 registered nurses, 4 general dentists, 3 titles coded to 15-2051 only by O*NET."""
    add_file(db)
    add_model(db)
    rows = ([{"posting_id": f"ds{i}", "role": "data_scientist", "topics": ("python",)} for i in range(10)]
            + [{"posting_id": f"rn{i}", "role": "Registered Nurses", "topics": ("statistics",) if i < 3 else ()}
               for i in range(6)]
            + [{"posting_id": f"dd{i}", "role": "Dentists, General"} for i in range(4)]
            + [{"posting_id": f"dx{i}", "role": "Data Scientists"} for i in range(3)])
    add_postings(db, rows)
    db.execute("UPDATE stored_postings SET soc_code = CASE left(posting_id, 2) WHEN 'ds' THEN '15-2051' "
               "WHEN 'rn' THEN '29-1141' WHEN 'dd' THEN '29-1021' WHEN 'dx' THEN '15-2051' END")
    return db


def collected(db, **options):
    return collect(db, **options)


def test_the_curriculum_page_uses_the_target_occupations(clinic):
    curriculum = parse_curriculum(with_targets('["29-1141"]'), source="nursing.toml")
    data = collected(clinic, curriculum=curriculum)
    assert data.target_roles == ["Registered Nurses"]
    everyone = data.target_demand[data.target_demand["dimension"] == "all"]
    assert set(everyone["n_postings"]) == {6}
    assert everyone.set_index("topic_id").loc["statistics", "n_asking"] == 3
    assert data.warnings == []
    wages = dict(zip(data.role_soc["role"], data.role_soc["soc_code"]))     # OEWS joins the targets too
    assert wages["Registered Nurses"] == "29-1141" and wages["data_scientist"] == "15-2051"


def test_a_soc_code_stands_for_its_curated_roles_and_its_occupation_role(clinic):
    assert occupation_roles(clinic, ["15-2051"]) == [
        "data_scientist", "data_analyst", "bi_analyst", "machine_learning_engineer", "Data Scientists"]
    # a code no posting carries stands as its occupation title, so that it filters to nothing, never to all
    assert occupation_roles(clinic, ["29-1292"]) == ["Dental Hygienists"]


@pytest.mark.parametrize("roles, expected", [
    (["29-1141"], ["Registered Nurses"]),
    (["Dentists, General", "29-1141"], ["Dentists, General", "Registered Nurses"]),
    (["data_scientist"], ["data_scientist"]),
])
def test_roles_may_be_soc_codes_or_the_occupations_postings_carry(clinic, roles, expected):
    data = collected(clinic, roles=roles)
    assert data.roles == expected == data.target_roles


def test_targets_no_posting_carries_are_warned_about(clinic):
    curriculum = parse_curriculum(with_targets('["29-1292"]'), source="hygiene.toml")
    (warning,) = collected(clinic, curriculum=curriculum).warnings
    assert warning.startswith("no posting is coded to the target occupations of hygiene.toml (29-1292)")


@pytest.mark.parametrize("roles, message", [
    (["15-1250"], "--roles: '15-1250' is a SOC group, not a detailed occupation"),
    (["Nurses"], "unknown role(s) 'Nurses'; known roles: data_scientist, "),
])
def test_an_unknown_role_or_soc_code_is_refused(clinic, roles, message):
    with pytest.raises(UsageError) as refused:
        collected(clinic, roles=roles)
    assert str(refused.value).startswith(message)


def test_the_command_refuses_a_soc_group_with_exit_2(db_file, tmp_path):
    careerlens.open_database(db_file).close()       # a store of its own: no demonstration database is built
    result = CliRunner().invoke(main, ["report", "--roles", "29-1140", "--db", str(db_file),
                                       "--out", str(tmp_path / "r")])
    assert result.exit_code == 2, result.output
    assert "'29-1140' is a SOC group, not a detailed occupation" in result.output
    assert "29-1141 Registered Nurses" in result.output


def test_an_occupation_role_joins_the_oews_wages_of_its_soc_code(clinic):
    data = collected(clinic, roles=["29-1141", "data_scientist"])
    assert dict(zip(data.role_soc["role"], data.role_soc["soc_code"])) == {
        "data_scientist": "15-2051", "Registered Nurses": "29-1141"}


def test_demand_by_role_shows_the_most_posted_occupations_and_the_targets(clinic, monkeypatch):
    monkeypatch.setattr(importlib.import_module("careerlens.report.collect"), "MOST_POSTED_OCCUPATIONS", 1)
    shown = set(collected(clinic, min_n=4).demand_by("role")["value"])
    # curated data_scientist; the most posted occupation (Registered Nurses, 6); not Dentists (4) nor the
    # three 'Data Scientists' (under min_n)
    assert shown == {"data_scientist", "Registered Nurses"}
    curriculum = parse_curriculum(with_targets('["29-1021"]'), source="dentistry.toml")
    shown = set(collected(clinic, curriculum=curriculum, min_n=4).demand_by("role")["value"])
    assert shown == {"data_scientist", "Registered Nurses", "Dentists, General"}      # a target is always shown
