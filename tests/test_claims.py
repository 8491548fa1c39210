"""The claim check: small OEWS and posting tables where each verdict must come out, and the edge cases.

Every table is written by hand here, so each expected verdict and figure can be read off the rows.
"""

from __future__ import annotations

import pytest

from careerlens.claims import (NOT_SUPPORTED, PARTLY, SUPPORTED, UNCHECKABLE, check_claims, checks_frame, usd,
                               wage_ranges)
from careerlens.curriculum import parse_curriculum
from careerlens.resources import data_text
from tests.test_report_figures import MODEL, add_file, add_model, add_postings

#: The default curriculum without its claims: each test adds its own.
BASE = data_text("curricula", "maths-for-ml.toml").split("\n[[claims]]")[0]


def curriculum_with(claims: str):
    return parse_curriculum(BASE + "\n" + claims, source="claims.toml")


def add_oews(db, rows, soc="15-2051"):
    """rows: (area_type, name, industry_code, naics_sector, employment, median, p90, flags)."""
    for i, (area_type, name, code, sector, employment, median, p90, flags) in enumerate(rows):
        db.execute("INSERT INTO stored_oews_wages (release, area_type, area_code, area_name, industry_code, "
                   "industry_name, naics_sector, soc_code, occupation, employment, annual_median, annual_p90, "
                   "flags, file_id) VALUES ('May 2025', ?, ?, ?, ?, ?, ?, ?, 'Data Scientists', ?, ?, ?, ?, 9)",
                   [area_type, "0000000" if area_type == "national" else f"{i:02d}00000",
                    "National" if area_type == "national" else name, code,
                    name if area_type == "national" else "Cross-industry", sector, soc, employment, median, p90,
                    flags or []])


NATIONAL = ("national", "all", "000000", None, 200_000, 120_230, 199_130, None)


def sector(name, code, median, p90=None, employment=5_000, flags=None):
    return ("national", name, code, code[:2], employment, median, p90 or (median and median * 1.5), flags)


def industry(name, code, median, employment, flags=None):
    return ("national", name, code, code[:2], employment, median, median * 1.4, flags)


def state(name, median, flags=None, p90=None):
    return ("state", name, "000000", None, 3_000, median, p90 or (median and median * 1.5), flags)


SALARY_RANGE = '''
[[claims]]
text = "Median salaries from $100,000 to over $200,000 depending on the industry and location."
kind = "salary_median_range"
occupation = "data_scientist"
low = 100_000
high = 200_000
varies_by = ["industry", "state"]
'''


def check_one(db, claims, **kwargs):
    (check,) = check_claims(db, curriculum_with(claims), **kwargs)
    return check


@pytest.fixture
def oews(db):
    add_file(db, file_id=9, name="oe.data.0.Current", kind="oews")
    return db


@pytest.mark.parametrize("rows, verdict, says", [
    ([NATIONAL, sector("Sector 52 - Finance", "52--53", 131_000), state("Washington", 205_000),
      state("Mississippi", 95_000)], SUPPORTED,
     "the highest reaches $200,000: $205,000 in Washington"),
    ([NATIONAL, sector("Sector 52 - Finance", "52--53", 131_000), state("Mississippi", 95_000),
      industry("Taxi and Limousine Service", "485300", 171_590, 2_000)], PARTLY,
     "no industry or state median reaches $200,000; the highest is $171,590 in Taxi and Limousine Service"),
    ([("national", "all", "000000", None, 200_000, 90_000, 150_000, None), state("Mississippi", 60_000),
      sector("Sector 51 - Information", "51--52", 150_000)], NOT_SUPPORTED,
     "does not lie between $100,000 and $200,000; the lowest industry or state median is $60,000 in Mississippi, "
     "more than 10% below"),
])
def test_each_salary_range_verdict(oews, rows, verdict, says):
    add_oews(oews, rows)
    check = check_one(oews, SALARY_RANGE)
    assert check.verdict == verdict
    assert says in check.finding and check.finding.startswith("OEWS May 2025: the national median (")
    assert check.release == "May 2025"


def test_no_oews_for_the_occupation_cannot_be_checked(oews):
    add_oews(oews, [NATIONAL], soc="15-2041")
    check = check_one(oews, SALARY_RANGE)
    assert check.verdict == UNCHECKABLE
    assert "no OEWS wages are loaded for SOC 15-2051 (data_scientist)" in check.finding


def test_a_top_coded_median_reaches_the_high_end_at_its_published_floor(oews):
    add_oews(oews, [NATIONAL, state("California", None, ["annual_median:top_coded", "annual_p90:top_coded"]),
                    state("Ohio", 99_000)])
    check = check_one(oews, SALARY_RANGE)
    assert check.verdict == SUPPORTED
    assert "the highest reaches $200,000: >= $239,200 (top-coded) in California" in check.finding
    california = check.evidence[check.evidence["name"] == "California"].iloc[0]
    assert (california["value"], california["p90"], bool(california["counted"])) == (239_200, 239_200, True)
    assert california["note"] == "top-coded: BLS publishes >= $239,200; 90th percentile top-coded"


def test_suppressed_cells_and_small_industries_are_left_out_and_said(oews):
    add_oews(oews, [NATIONAL, state("Ohio", 99_000),
                    sector("Sector 62 - Health Care", "62--63", None,
                           flags=["annual_median:not_available:not_released"]),
                    industry("Nonscheduled Air Transportation", "481200", 260_000, 70)])
    check = check_one(oews, SALARY_RANGE)
    assert check.verdict == PARTLY                  # the $260,000 of 70 people does not reach the high end
    assert "no industry or state median reaches $200,000; the highest is $120,230 in United States" in check.finding
    assert "(1 not released by BLS and 1 detailed industries with fewer than 1,000 employed left out)" in check.finding
    notes = dict(zip(check.evidence["name"], check.evidence["note"]))
    assert notes["Sector 62 - Health Care"] == "not released by BLS"
    assert notes["Nonscheduled Air Transportation"] == "fewer than 1,000 employed"


def test_the_evidence_names_each_groups_lowest_and_highest_with_the_90th_percentile(oews):
    add_oews(oews, [NATIONAL, sector("Sector 52 - Finance", "52--53", 131_000, p90=230_000),
                    sector("Sector 61 - Education", "61--62", 88_000), state("Washington", 163_350),
                    state("Mississippi", 69_490), industry("Software Publishers", "513200", 156_220, 10_950)])
    ranges = wage_ranges(check_one(oews, SALARY_RANGE).evidence).set_index("group")
    assert ranges.loc["state", ["lowest", "lowest_in", "highest", "highest_in"]].tolist() == [
        69_490, "Mississippi", 163_350, "Washington"]
    assert ranges.loc["industry (sector)", ["lowest_in", "highest_in", "highest_p90"]].tolist() == [
        "Sector 61 - Education", "Sector 52 - Finance", 230_000]
    assert ranges.loc["detailed industry", "highest"] == 156_220


def test_an_occupation_without_postings_says_so_in_its_evidence(oews):
    add_oews(oews, [NATIONAL])
    postings = check_one(oews, SALARY_RANGE).evidence.query("group == 'postings'").iloc[0]
    assert postings["note"] == "no postings with a salary for this occupation" and postings["n"] == 0


def test_posting_salaries_show_beside_oews_when_there_are_enough(oews):
    add_oews(oews, [NATIONAL])
    add_file(oews)
    add_postings(oews, [{"posting_id": f"p{i}", "role": "data_scientist", "salary": 100_000 + 1_000 * i}
                        for i in range(31)])
    oews.execute("UPDATE stored_postings SET soc_code = '15-2051'")
    postings = check_one(oews, SALARY_RANGE, min_n=30).evidence.query("group == 'postings'").iloc[0]
    assert (postings["n"], postings["value"], postings["counted"]) == (31, 115_000, False)


LEVEL = '''
[[claims]]
text = "Data scientists earn over {amount}."
kind = "salary_level"
occupation = "15-2051"
amount = {amount}
'''


@pytest.mark.parametrize("amount, verdict, says", [
    (100_000, SUPPORTED, "the national median is $120,230, at least $100,000"),
    (130_000, PARTLY, "the national median is $120,230, below $130,000; 1 of 2 sectors and states reach it, "
                      "the highest $141,590 in California"),
    (300_000, NOT_SUPPORTED, "no sector or state reaches it (the highest is $141,590 in California)"),
])
def test_each_salary_level_verdict(oews, amount, verdict, says):
    add_oews(oews, [NATIONAL, state("California", 141_590), sector("Sector 61 - Education", "61--62", 88_000)])
    check = check_one(oews, LEVEL.format(amount=amount))
    assert (check.verdict, says in check.finding) == (verdict, True), check.finding


@pytest.mark.parametrize("amount, verdict", [(200_000, SUPPORTED), (250_000, UNCHECKABLE)])
def test_a_top_coded_national_wage_is_at_least_its_floor_and_no_more(oews, amount, verdict):
    add_oews(oews, [("national", "all", "000000", None, 9_000, None, None, ["annual_median:top_coded"])])
    check = check_one(oews, LEVEL.format(amount=amount))
    assert check.verdict == verdict
    assert ">= $239,200" in check.finding


# -- postings ----------------------------------------------------------------------------------
@pytest.fixture
def postings(db):
    """40 data-scientist postings in 2023 (8 ask for SQL), 40 in 2024 (24 do); 10 actuaries in 2024 (none)."""
    add_file(db)
    add_model(db)
    rows = [{"posting_id": f"a{i}", "role": "data_scientist", "naics_sector": "52", "posted_date": "2023-05-01",
             "topics": ("sql",) if i < 8 else ()} for i in range(40)]
    rows += [{"posting_id": f"b{i}", "role": "data_scientist", "naics_sector": "54", "posted_date": "2024-05-01",
              "topics": ("sql",) if i < 24 else ()} for i in range(40)]
    rows += [{"posting_id": f"c{i}", "role": "actuary", "naics_sector": "52", "posted_date": "2024-07-01"}
             for i in range(10)]
    add_postings(db, rows)
    return db


SHARE = '''
[[claims]]
text = "Employers ask for SQL."
kind = "demand_share"
{subject}
share = {share}
roles = ["data_scientist"]
'''


@pytest.mark.parametrize("share, verdict, says", [
    (0.4, SUPPORTED, "32 of 80 postings (roles data_scientist) ask for the topic 'SQL' (40%, 95% interval 30% to "
                     "51%): at least the 40% claimed"),
    (0.45, PARTLY, "below the 45% claimed, though the interval reaches it"),
    (0.7, NOT_SUPPORTED, "the whole interval lies below the 70% claimed"),
])
def test_each_demand_share_verdict(postings, share, verdict, says):
    check = check_one(postings, SHARE.format(subject='topic = "sql"', share=share), model_id=MODEL)
    assert (check.verdict, says in check.finding) == (verdict, True), check.finding
    assert check.evidence["n"].tolist() == [80]


@pytest.mark.parametrize("subject, kwargs, says", [
    ('topic = "sql"', {"model_id": None}, "no postings are labelled with this curriculum's topics: run "
                                          "`careerlens train` and `careerlens classify`"),
    ('topic = "sql"', {"model_id": MODEL, "min_n": 100}, "too few postings in scope (roles data_scientist): 80, "
                                                         "fewer than 100"),
    ('role = "prompt_engineer"', {"model_id": MODEL}, "careerlens does not know the role 'prompt_engineer'"),
])
def test_a_demand_share_without_evidence_cannot_be_checked(postings, subject, kwargs, says):
    check = check_one(postings, SHARE.format(subject=subject, share=0.3), **kwargs)
    assert check.verdict == UNCHECKABLE and says in check.finding, check.finding


def test_a_roles_share_of_postings(postings):
    check = check_one(postings, SHARE.format(subject='role = "data_scientist"', share=0.5).replace(
        'roles = ["data_scientist"]', 'sectors = ["52"]'), model_id=MODEL)
    assert check.verdict == SUPPORTED
    assert "40 of 50 postings (NAICS sectors 52) ask for the role data_scientist (80%" in check.finding


TREND = '''
[[claims]]
text = "Demand for SQL is expected to grow."
kind = "demand_trend"
topic = "sql"
from = "{first}"
to = "{last}"
roles = ["data_scientist"]
'''


@pytest.mark.parametrize("first, last, verdict, says", [
    ("2023", "2024", SUPPORTED, "went from 20% in 2023 (n = 40) to 60% in 2024 (n = 40), a change of +40.0 "
                                "points (95% interval +18.7 to +56.6): it grew; a claim about the future is "
                                "checked against the past trend"),
    ("2024", "2025", UNCHECKABLE, "too few postings (roles data_scientist) dated in 2025 (0): fewer than 30"),
])
def test_demand_trend_verdicts(postings, first, last, verdict, says):
    check = check_one(postings, TREND.format(first=first, last=last), model_id=MODEL)
    assert check.verdict == verdict and says in check.finding, check.finding


def test_a_trend_that_falls_or_barely_grows(db):
    add_file(db)
    add_model(db)
    rows = [{"posting_id": f"{year}-{i}", "role": "data_scientist", "posted_date": f"{year}-03-01",
             "topics": ("sql",) if i < asking else ()}
            for year, asking in ((2023, 12), (2024, 14), (2025, 6)) for i in range(40)]
    add_postings(db, rows)
    grows = check_one(db, TREND.format(first="2023", last="2024"), model_id=MODEL)
    falls = check_one(db, TREND.format(first="2024", last="2025-03"), model_id=MODEL)
    assert (grows.verdict, falls.verdict) == (PARTLY, NOT_SUPPORTED)
    assert "it grew, but by less than the postings can tell from no change" in grows.finding
    assert "went from 35% in 2024 (n = 40) to 15% in 2025-03 (n = 40)" in falls.finding


ROLES = '''
[[claims]]
text = "Graduates become data scientists and actuaries in finance and health care."
kind = "roles_and_industries"
roles = [{roles}]
sectors = ["52", "62"]
'''


@pytest.mark.parametrize("roles, verdict, says", [
    ('"data_scientist", "actuary"', SUPPORTED, "all 4 role and sector pairs employ people; postings: "
                                               "data_scientist 80, actuary 10."),
    ('"data_scientist", "statistician"', PARTLY, "no postings for statistician; OEWS publishes no employment of "
                                                 "statistician (SOC 15-2041) in Health Care and Social Assistance"),
    ('"data_scientist", "prompt_engineer"', PARTLY, "careerlens does not know the role prompt_engineer, so that "
                                                    "part cannot be checked"),
    ('"prompt_engineer"', UNCHECKABLE, "careerlens does not know the roles prompt_engineer"),
])
def test_roles_and_industries_verdicts(postings, roles, verdict, says):
    add_file(postings, file_id=9, name="oe.data.0.Current", kind="oews")
    add_oews(postings, [sector("Sector 52 - Finance", "52--53", 131_000), sector("Sector 62", "62--63", 121_000)])
    add_oews(postings, [sector("Sector 52 - Finance", "52--53", 131_000), sector("Sector 62", "62--63", 121_000)],
             soc="15-2011")
    add_oews(postings, [sector("Sector 52 - Finance", "52--53", 101_000)], soc="15-2041")
    check = check_one(postings, ROLES.format(roles=roles), model_id=MODEL)
    assert (check.verdict, says in check.finding) == (verdict, True), check.finding


def test_not_supported_when_no_role_holds(postings):
    add_file(postings, file_id=9, name="oe.data.0.Current", kind="oews")
    add_oews(postings, [NATIONAL], soc="15-2041")
    check = check_one(postings, ROLES.format(roles='"statistician"'), model_id=MODEL)
    assert check.verdict == NOT_SUPPORTED, check.finding


def test_usd_is_written_as_bls_writes_it():
    assert [usd(120_230), usd(239_200, True), usd(float("nan"))] == ["$120,230", ">= $239,200", "not published"]


def test_every_verdict_comes_from_the_fixed_vocabulary(oews):
    add_oews(oews, [NATIONAL])
    frame = checks_frame(check_claims(oews, curriculum_with(SALARY_RANGE + LEVEL.format(amount=1) + TREND.format(
        first="2023", last="2024"))))
    assert frame["verdict"].tolist() == [PARTLY, SUPPORTED, UNCHECKABLE]
    assert frame["claim"].tolist() == [1, 2, 3]
