"""The normalisation mappings in data/taxonomy: tricky titles, industries and locations, and the files' integrity.

Each example goes through the same SQL the loaders use (``normalise.map_titles``,
``normalise/industries``, ``normalise/locations``). The title and industry
strings here are written for these tests, shaped like the ones in the sources.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

import careerlens
from careerlens import normalise
from careerlens.resources import data_file
from tests.conftest import shared_file

SENIORITIES = {"intern", "junior", "mid", "senior", "lead", "manager"}


def taxonomy_rows(name: str) -> list[dict]:
    with data_file("taxonomy", f"{name}.csv") as path, open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def store():
    """One in-memory store with the taxonomy loaded, shared by the examples (they only read it)."""
    with careerlens.open_database(":memory:") as db:
        normalise.refresh_taxonomy(db)
        yield db


def map_titles(db, inputs: pd.DataFrame) -> pd.DataFrame:
    """Role, SOC, method and seniority for each row of ``inputs(case_id, title, seniority_raw)``."""
    db.con.register("title_inputs", inputs)
    db.execute("CREATE OR REPLACE TEMP TABLE keyed_titles AS SELECT case_id, text_key(clean_text(title)) AS title_key, "
               "lower(trim(clean_text(seniority_raw))) AS seniority_key FROM title_inputs")
    db.execute("CREATE OR REPLACE TEMP TABLE titles_to_map AS SELECT DISTINCT title_key, seniority_key FROM keyed_titles")
    normalise.map_titles(db)
    return db.sql("SELECT k.case_id, m.role, m.soc_code, m.role_method, m.seniority FROM keyed_titles k "
                  "LEFT JOIN mapped_titles m ON m.title_key IS NOT DISTINCT FROM k.title_key "
                  "AND m.seniority_key IS NOT DISTINCT FROM k.seniority_key ORDER BY k.case_id")


def map_industries(db, inputs: pd.DataFrame) -> pd.DataFrame:
    """NAICS sector for each row of ``inputs(case_id, industry_raw, sector_raw)``."""
    db.con.register("industry_inputs", inputs)
    db.execute("CREATE OR REPLACE TEMP TABLE keyed_industries AS SELECT case_id, "
               "text_key(clean_text(industry_raw)) AS industry_key, text_key(clean_text(sector_raw)) AS sector_key "
               "FROM industry_inputs")
    db.execute("CREATE OR REPLACE TEMP TABLE industries_to_map AS "
               "SELECT DISTINCT industry_key, sector_key FROM keyed_industries")
    db.run_script("normalise/industries")
    return db.sql("SELECT k.case_id, m.naics_sector FROM keyed_industries k "
                  "LEFT JOIN mapped_industries m ON m.industry_key IS NOT DISTINCT FROM k.industry_key "
                  "AND m.sector_key IS NOT DISTINCT FROM k.sector_key ORDER BY k.case_id")


def map_locations(db, inputs: pd.DataFrame) -> pd.DataFrame:
    """Country, state and remote flag for each row of ``inputs(case_id, location_raw)``."""
    db.con.register("location_inputs", inputs)
    db.execute("CREATE OR REPLACE TEMP TABLE keyed_locations AS "
               "SELECT case_id, lower(trim(location_raw)) AS location_key FROM location_inputs")
    db.execute("CREATE OR REPLACE TEMP TABLE locations_to_map AS SELECT DISTINCT location_key FROM keyed_locations")
    db.run_script("normalise/locations")
    return db.sql("SELECT k.case_id, m.country, m.state, m.remote FROM keyed_locations k "
                  "LEFT JOIN mapped_locations m ON m.location_key IS NOT DISTINCT FROM k.location_key ORDER BY k.case_id")


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with None (not NaN) for missing values."""
    return [{k: (None if v is None or v != v else v) for k, v in row.items()}
            for row in frame.astype(object).to_dict("records")]


# -- titles ---------------------------------------------------------------------------------------------------------

TITLE_CASES = [
    ("Sr. Data Scientist II", None, "data_scientist", "senior"),
    ("Data Analysts", None, "data_analyst", "mid"),
    ("Machine Learning Engineer", None, "machine_learning_engineer", "mid"),
    ("Sr ML Engineer", None, "machine_learning_engineer", "senior"),
    ("Data Scientist/Machine Learning Engineer", None, "data_scientist", "mid"),  # the first-named job wins
    ("R&D Engineer", None, "other", "mid"),  # 'r d' must not read as research
    ("R&D Data Scientist", "Associate", "data_scientist", "junior"),
    ("Data Science Intern", None, "data_scientist", "intern"),
    ("Stage", "SE", "other", "intern"),  # French for internship, as in the survey
    ("Data Analyst I", None, "data_analyst", "junior"),
    ("Data Analyst 2", None, "data_analyst", "mid"),
    ("Data Analyst III", None, "data_analyst", "senior"),
    ("Data Engineer 5 - Contract", None, "data_engineer", "senior"),
    ("Marketing Data Analyst, May 2020 Undergrad", None, "data_analyst", "junior"),
    ("Staff Data Scientist", None, "data_scientist", "lead"),
    ("Staff Accountant", "Mid-Senior level", "other", "mid"),  # 'staff' is a level only before a technical job
    ("Member of Technical Staff", "SE", "other", "senior"),
    ("Principal Data Scientist - Machine Learning", None, "data_scientist", "lead"),
    ("Head of Data", "EX", "data_manager", "manager"),
    ("Data Science Manager", None, "data_manager", "manager"),
    ("Chief Data Officer", None, "data_manager", "manager"),
    ("Associate Director, Analytics", None, "data_manager", "manager"),
    ("Data Product Manager", "SE", "other", "senior"),  # a product manager manages a product, not people
    ("Product Manager", "Director", "other", "manager"),
    ("Senior Product Manager", None, "other", "senior"),
    ("Sales Associate", None, "other", "mid"),
    ("Associate Data Scientist", None, "data_scientist", "junior"),
    ("Data Analyst", "Mid-Senior level", "data_analyst", "mid"),
    ("Data Analyst", "Entry level", "data_analyst", "junior"),
    ("Data Scientist", "EN", "data_scientist", "junior"),
    ("Data Scientist", "SE", "data_scientist", "senior"),
    ("Senior Data Engineer", "Associate", "data_engineer", "senior"),  # the title beats the source's level
    ("Data Engineer/Analyst", None, "data_engineer", "mid"),
    ("Scala Spark Developer", "MI", "data_engineer", "mid"),
    ("Analytics Engineer", None, "data_engineer", "mid"),
    ("Business Intelligence Engineer", None, "bi_analyst", "mid"),
    ("Tableau Developer", None, "bi_analyst", "mid"),
    ("Business Data Analyst (SQL / Tableau)", None, "data_analyst", "mid"),
    ("Business Analyst", None, "business_analyst", "mid"),
    ("Business Systems Analyst III", None, "systems_analyst", "senior"),
    ("Power BI Consultant", None, "consultant", "mid"),
    ("Biostatistician", None, "statistician", "mid"),
    ("Quantitative Researcher", None, "quantitative_analyst", "mid"),
    ("FP&A Analyst", None, "quantitative_analyst", "mid"),
    ("Actuarial Analyst", None, "actuary", "mid"),
    ("Data Analyst - Actuarial Background", None, "data_analyst", "mid"),
    ("Marketing Analyst", None, "market_research_analyst", "mid"),
    ("Software Engineer", None, "software_engineer", "mid"),
    ("Software Test Engineer - Data Analyst", None, "other", "mid"),
    ("Research Scientist, Machine Learning", None, "research_scientist", "mid"),
    ("Research Scientist, Immunology", None, "other", "mid"),
    ("Applied Scientist", None, "research_scientist", "mid"),
    ("AI Research Scientist", None, "research_scientist", "mid"),
    ("Computer Vision Engineer", None, "machine_learning_engineer", "mid"),
    ("Data Security Analyst", None, "security_analyst", "mid"),
    ("Technology Compliance Analyst", None, "other", "mid"),
    ("System Administrator", None, "other", "mid"),
    ("Locomotive Engineer", None, "other", "mid"),
    ("Data Entry Clerk", None, "other", "mid"),
    ("Data Science Instructor", None, "other", "mid"),
    ("Director of Technology", None, "other", "manager"),
]
SOC_CASES = [
    ("Data Scientist", "15-2051"),
    ("Data Engineer", "15-1243"),
    ("Machine Learning Engineer", "15-2051"),
    ("Research Scientist", "15-1221"),
    ("Financial Analyst", "13-2051"),
    ("Software Developer", "15-1252"),
    ("Analytics Manager", "11-3021"),
]
EDGE_CASES = [("Registered Nurse", None), ("Qzxv Wpok", None), (None, None)]


@pytest.fixture(scope="module")
def mapped_titles(store):
    """Every title example mapped in one pass, keyed by (title, level)."""
    cases = [(t, lvl) for t, lvl, _, _ in TITLE_CASES] + [(t, None) for t, _ in SOC_CASES] + EDGE_CASES
    inputs = pd.DataFrame({"case_id": range(len(cases)), "title": [c[0] for c in cases],
                           "seniority_raw": [c[1] for c in cases]})
    return dict(zip(cases, records(map_titles(store, inputs).drop(columns="case_id"))))


def curated(role):
    """The curated role, or 'other' for a title none claims (its role is then its SOC occupation title)."""
    return role if role in {r["role"] for r in taxonomy_rows("roles")} else "other"


@pytest.mark.parametrize("title, level, role, seniority", TITLE_CASES)
def test_title_role_and_seniority(mapped_titles, title, level, role, seniority):
    mapped = mapped_titles[(title, level)]
    assert (curated(mapped["role"]), mapped["seniority"]) == (role, seniority)


@pytest.mark.parametrize("title, level, occupation", [
    ("Staff Accountant", "Mid-Senior level", "Accountants and Auditors"),
    ("System Administrator", None, "Network and Computer Systems Administrators"),
    ("Locomotive Engineer", None, "Locomotive Engineers"),
    # a pattern sends product managers to 'other' on purpose; their occupation still names them
    ("Product Manager", "Director", "Marketing Managers"),
    ("Sales Associate", None, "Retail Salespersons"),
])
def test_title_no_curated_role_claims_takes_its_soc_occupation_title(mapped_titles, title, level, occupation):
    assert mapped_titles[(title, level)]["role"] == occupation


@pytest.mark.parametrize("title, soc", SOC_CASES)
def test_role_brings_its_soc_code(mapped_titles, title, soc):
    mapped = mapped_titles[(title, None)]
    assert (mapped["soc_code"], mapped["role_method"]) == (soc, "pattern")


def test_title_nobody_claims_is_coded_by_the_bundled_onet_titles(mapped_titles):
    # No role pattern and no O*NET title loaded: the bundled O*NET 29.3 titles still give a SOC code.
    assert mapped_titles[("Registered Nurse", None)] == {
        "role": "Registered Nurses", "soc_code": "29-1141", "role_method": "onet", "seniority": "mid"}


def test_title_like_no_occupation_has_no_soc(mapped_titles):
    assert mapped_titles[("Qzxv Wpok", None)] == {
        "role": "other", "soc_code": None, "role_method": "none", "seniority": "mid"}


def test_missing_title_stays_missing(mapped_titles):
    assert mapped_titles[(None, None)] == {"role": "other", "soc_code": None, "role_method": "none", "seniority": None}


@pytest.fixture
def with_onet(db):
    """A store holding three O*NET titles of a release newer than the bundled 29.3, as the O*NET loader would write them.

    A newer release loaded replaces the bundled titles: only these three code titles here.
    """
    normalise.refresh_taxonomy(db)
    db.execute("INSERT INTO onet_titles VALUES "
               "('29-1292.00', '29-1292', 'Dental Hygienist', 'dental hygienist', 'alternate', '30.1', 1), "
               "('15-2051.00', '15-2051', 'Data Mining Analyst', 'data mining analyst', 'alternate', '30.1', 1), "
               "('11-2021.00', '11-2021', 'Product Manager', 'product manager', 'alternate', '30.1', 1)")
    return db


@pytest.mark.parametrize("title, role, soc, method", [
    # An exact O*NET title gives the SOC, and the role marked soc_default for it.
    ("Data Mining Analyst", "data_analyst", "15-2051", "pattern"),  # a pattern already claims 'analyst'
    # The role of a title no curated role claims is its SOC occupation title (the loaded titles name no
    # occupation here, so the bundled O*NET 29.3 title is used).
    ("Dental Hygienist", "Dental Hygienists", "29-1292", "onet"),
    # A longer title is cleaned of its shift words, then matched.
    ("Dental Hygienist - day shift", "Dental Hygienists", "29-1292", "onet"),
    # A run of words inside a longer title that is an O*NET title gives the SOC.
    ("Dental Hygienist - choose your hours", "Dental Hygienists", "29-1292", "onet"),
    # Otherwise the nearest O*NET title gives the SOC and the occupation.
    ("Dental Hygenist", "Dental Hygienists", "29-1292", "onet_nearest"),
    # A pattern that names 'other' on purpose still lets O*NET give the SOC and the occupation.
    ("Product Manager", "Marketing Managers", "11-2021", "onet"),
    ("Lab Technician", "other", None, "none"),
])
def test_onet_titles_give_soc_codes_to_other_titles(with_onet, title, role, soc, method):
    (mapped,) = records(map_titles(with_onet, pd.DataFrame({"case_id": [0], "title": [title], "seniority_raw": [None]})))
    assert (mapped["role"], mapped["soc_code"], mapped["role_method"]) == (role, soc, method)


def test_onet_only_soc_takes_the_default_role(with_onet):
    with_onet.execute("INSERT INTO onet_titles VALUES "
                      "('15-2051.00', '15-2051', 'Insight Miner', 'insight miner', 'alternate', '30.1', 1)")
    (mapped,) = records(map_titles(with_onet, pd.DataFrame({"case_id": [0], "title": ["Insight Miner"],
                                                            "seniority_raw": [None]})))
    assert mapped["role"] == "data_analyst"  # not bi_analyst, which shares 15-2051


# -- industries -----------------------------------------------------------------------------------------------------

INDUSTRY_CASES = [
    ("IT Services", "Information Technology", "54"),  # the industry beats the broader sector
    (None, "Information Technology", "51"),
    ("-1", "-1", None),
    ("Biotech & Pharmaceuticals", "Biotech & Pharmaceuticals", "31-33"),
    ("Staffing & Outsourcing", "Business Services", "56"),
    ("Computer,Software,Internet", None, "51"),  # LinkedIn 2018 scrape: commas for spaces, several industries
    ("Information,Technology,Services,Computer,Software", None, "54"),  # the first-listed industry decides
    ("Hospital,&,Health,Care", None, "62"),
    ("Hospitals and Health Care", None, "62"),
    ("Holding Companies", None, "55"),
    ("Wholesale Import and Export", None, "42"),
    ("Armed Forces", None, "92"),
    ("IT SERVICES  and  IT consulting", None, "54"),  # keys ignore case and punctuation
    ("Program Development", None, None),  # too vague for a sector: stays unmapped
    ("Widget Whittling", None, None),
]


@pytest.fixture(scope="module")
def mapped_industries(store):
    inputs = pd.DataFrame({"case_id": range(len(INDUSTRY_CASES)), "industry_raw": [c[0] for c in INDUSTRY_CASES],
                           "sector_raw": [c[1] for c in INDUSTRY_CASES]})
    return [r["naics_sector"] for r in records(map_industries(store, inputs))]


@pytest.mark.parametrize("case", range(len(INDUSTRY_CASES)), ids=[str(c[:2]) for c in INDUSTRY_CASES])
def test_industry_sector(mapped_industries, case):
    assert mapped_industries[case] == INDUSTRY_CASES[case][2]


# -- locations ------------------------------------------------------------------------------------------------------

LOCATION_CASES = [
    ("Austin, TX", "US", "TX", False),
    ("Remote", None, None, True),
    ("Remote, US", "US", None, True),
    ("United States", "US", None, False),
    ("San Francisco, CA, US", "US", "CA", False),
    ("San Francisco, California, United States", "US", "CA", False),
    ("New York, United States", "US", "NY", False),  # LinkedIn's state-level location
    ("1055 West 7th Street , Los Angeles, CA 90017, US", "US", "CA", False),
    ("Santa Monica, US-CA", "US", "CA", False),
    ("San Francisco Bay Area", "US", "CA", False),
    ("New York City Metropolitan Area", "US", "NY", False),
    ("Austin, Texas Metropolitan Area", "US", "TX", False),
    ("Orange County, California Area", "US", "CA", False),
    ("Greater Tampa Bay Area", "US", "FL", False),  # not the San Francisco bay
    ("Washington DC-Baltimore Area", "US", "DC", False),
    ("Sunnyvale", "US", "CA", False),
    ("Toronto, Ontario, Canada", "CA", None, False),
    ("Perth, WA, Australia", "AU", None, False),  # WA is not Washington here
    ("London, United Kingdom", "GB", None, False),
    ("Berlin, Germany", "DE", None, False),
    ("Atlanta, Georgia", "US", "GA", False),
    ("Springfield", None, None, False),  # too many Springfields
    (None, None, None, None),
]


@pytest.fixture(scope="module")
def mapped_locations(store):
    inputs = pd.DataFrame({"case_id": range(len(LOCATION_CASES)), "location_raw": [c[0] for c in LOCATION_CASES]})
    return [(r["country"], r["state"], r["remote"]) for r in records(map_locations(store, inputs))]


@pytest.mark.parametrize("case", range(len(LOCATION_CASES)), ids=[str(c[0]) for c in LOCATION_CASES])
def test_location(mapped_locations, case):
    assert mapped_locations[case] == LOCATION_CASES[case][1:]


# -- the files themselves ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["role_patterns", "seniority_patterns"])
def test_every_pattern_compiles_and_priorities_are_unique(store, name):
    rows = taxonomy_rows(name)
    for row in rows:
        store.execute("SELECT regexp_matches(' data scientist ', $p)", {"p": row["pattern"]})  # RE2, as used
    priorities = [int(r["priority"]) for r in rows]
    assert len(priorities) == len(set(priorities))


def test_pattern_roles_exist_and_roles_have_soc_codes():
    roles = {r["role"]: r for r in taxonomy_rows("roles")}
    assert {r["role"] for r in taxonomy_rows("role_patterns")} <= set(roles)
    for role, row in roles.items():
        if role != "other":
            assert re.fullmatch(r"\d\d-\d\d\d\d", row["soc_code"]), role
    shared = {}
    for row in roles.values():
        shared.setdefault(row["soc_code"], []).append(row)
    for soc, rows in shared.items():
        if soc and len(rows) > 1:
            assert sum(r["soc_default"] == "yes" for r in rows) == 1, f"{soc} needs one soc_default role"


def test_role_soc_codes_are_published_by_oews():
    occupations = pd.read_csv(shared_file("oews-2025/oe.occupation"), sep="\t", dtype=str)
    published = set(occupations["occupation_code"].str.strip())
    for row in taxonomy_rows("roles"):
        if row["soc_code"]:
            assert row["soc_code"].replace("-", "") in published, row["role"]


def test_seniority_values_are_known():
    assert {r["seniority"] for r in taxonomy_rows("seniority_patterns")} <= SENIORITIES | {"none"}
    assert {r["seniority"] for r in taxonomy_rows("seniority_levels")} <= SENIORITIES


def test_industry_map_sectors_exist_and_keys_agree(store):
    sectors = {r["naics_sector"] for r in taxonomy_rows("naics_sectors")}
    assert {r["naics_sector"] for r in taxonomy_rows("industry_map")} <= sectors
    conflicts = store.sql("SELECT industry_key, list(DISTINCT naics_sector) AS sectors FROM taxonomy_industry_map "
                          "GROUP BY 1 HAVING count(DISTINCT naics_sector) > 1")
    assert conflicts.empty, conflicts.to_string()


@pytest.mark.parametrize("dataset, column", [
    ("glassdoor_data_analyst_2020/DataAnalyst.csv.gz", "Industry"),
    ("glassdoor_kenjee_ds_salary_proj/glassdoor_jobs.csv.gz", "Industry"),
    ("glassdoor_uncleaned_ds_jobs/Uncleaned_DS_jobs.csv.gz", "Industry"),
    ("glassdoor_uncleaned_ds_jobs/Uncleaned_DS_jobs.csv.gz", "Sector"),
    ("linkedin_job_postings_2023_2024/mappings/industries.csv", "industry_name"),
    ("linkedin_job_postings_2023_2024/companies/company_industries.csv", "industry"),
    ("linkedin_california_data_jobs_2018/DataScientist.csv.gz", "industry"),
    ("linkedin_california_data_jobs_2018/DataAnalyst.csv.gz", "industry"),
])
def test_every_industry_in_the_sources_has_a_sector(store, dataset, column):
    values = pd.read_csv(shared_file(dataset), dtype=str, keep_default_na=False)[column].drop_duplicates()
    store.con.register("source_values", pd.DataFrame({"value": values}))
    missing = store.sql("SELECT value FROM source_values WHERE text_key(clean_text(value)) IS NOT NULL "
                        "AND text_key(value) NOT IN (SELECT industry_key FROM taxonomy_industry_map)")["value"]
    assert set(missing) <= {"Program Development"}


def test_every_survey_country_code_is_known():
    survey = pd.read_csv(shared_file("aijobs_salaries/salaries.csv.gz"), dtype=str, keep_default_na=False)
    codes = set(survey["employee_residence"]) | set(survey["company_location"])
    assert codes <= {r["iso2"] for r in taxonomy_rows("countries")}


def test_us_states_and_metro_areas_agree():
    states = [r["state"] for r in taxonomy_rows("us_states")]
    assert len(states) == len(set(states))
    assert {r["state"] for r in taxonomy_rows("metro_areas")} <= set(states)


@pytest.mark.parametrize("name, columns", [
    ("title_roles.csv", ["dataset", "row", "split", "expected_role", "expected_soc", "expected_seniority"]),
    ("industry_sectors.csv", ["dataset", "row", "column", "split", "expected_naics_sector"]),
])
def test_label_files_hold_labels_and_no_source_text(name, columns):
    roles = {r["role"] for r in taxonomy_rows("roles")}
    with open(Path(__file__).parent / "labels" / name, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == columns
        for row in reader:
            assert row["row"].isdigit() and row["split"] in {"dev", "test", "holdout"}
            if "expected_role" in row:
                assert row["expected_role"] in roles and row["expected_seniority"] in SENIORITIES
