"""Salary honesty: what posting salaries rest on, said beside them, and a premium only where employers stated pay.

Each store is written by hand, so every count below is a count of its rows.
"""

from types import SimpleNamespace

import pandas as pd
import pytest

from careerlens.report import figures
from careerlens.report.pages.premium import cannot_be_computed
from careerlens.report.text import salary_banner, salary_years_text
from tests.test_report_figures import MODEL, add_file, add_model, add_postings, one


def scope(db, *, min_n=5, oews="May 2025"):
    """What the salary texts read from the collected report data."""
    return SimpleNamespace(salary_evidence=figures.salary_evidence(db), summary={"oews_releases": oews},
                           premium=figures.topic_premium(db, model_id=MODEL, min_n=min_n), min_n=min_n)


@pytest.fixture
def estimates_store(db):
    """Glassdoor-like: 30 data scientists, 24 with one of two site estimates repeated, 6 employer-stated (one of
    them $15,500, implausible), none dated; and 10 dated 2021 LinkedIn-like ones, employer-stated."""
    add_file(db)
    add_model(db)
    rows = [{"posting_id": f"g{i}", "role": "data_scientist", "source": "glassdoor", "kind": "estimate",
             "salary": 110_000 if i < 12 else 120_000, "topics": ("sql",) if i % 2 else ()} for i in range(24)]
    rows += [{"posting_id": f"e{i}", "role": "data_scientist", "source": "glassdoor", "kind": "employer",
              "salary": 15_500 if i == 0 else 100_000 + 1_000 * i} for i in range(6)]
    rows += [{"posting_id": f"l{i}", "role": "data_analyst", "source": "linkedin", "kind": "employer",
              "salary": 70_000, "posted_date": "2021-03-01"} for i in range(10)]
    add_postings(db, rows)
    return db


def test_salary_evidence_counts_estimates_distinct_values_implausible_and_years(estimates_store):
    evidence = figures.salary_evidence(estimates_store).set_index("source")
    glassdoor, linkedin = evidence.loc["glassdoor"], evidence.loc["linkedin"]
    assert (glassdoor.n_salary, glassdoor.n_estimate, glassdoor.n_employer) == (29, 24, 5)
    assert glassdoor.n_distinct == 2 + 5 and glassdoor.n_below_floor == 1 and glassdoor.n_dated == 0
    assert (linkedin.n_salary, linkedin.n_distinct, linkedin.first_year, linkedin.last_year) == (10, 1, 2021, 2021)
    ranges = figures.salary_ranges(estimates_store, min_n=1)
    scientists = one(ranges, role="data_scientist", naics_sector="all", salary_kind="all")
    assert (scientists.n, scientists.n_distinct) == (29, 7)              # the $15,500 left out


def test_a_banner_says_when_most_salaries_are_site_estimates(estimates_store):
    banner = salary_banner(scope(estimates_store)).markup
    assert "24 of the 39 US posting salaries (62%)" in banner and "site estimates" in banner


def test_no_banner_when_employers_stated_most_salaries(db):
    add_file(db)
    add_model(db)
    add_postings(db, [{"posting_id": f"p{i}", "role": "data_scientist", "salary": 100_000,
                       "kind": "estimate" if i < 5 else "employer"} for i in range(10)])      # 5 of 10: not most
    assert salary_banner(scope(db)) is None


def test_data_years_are_named_beside_the_oews_release_with_an_inflation_note(estimates_store):
    text = salary_years_text(scope(estimates_store))
    assert "glassdoor: undated" in text and "linkedin: 2021" in text and "OEWS: May 2025" in text
    assert "up to 4 years apart and no figure is adjusted for inflation" in text
    assert "inflation" not in salary_years_text(scope(estimates_store, oews="May 2022"))
    survey = pd.DataFrame({"first_year": [2019.0, 2020.0], "last_year": [2023.0, 2021.0]})
    text = salary_years_text(SimpleNamespace(**vars(scope(estimates_store, oews="May 2022")), survey=survey))
    assert "salary survey (work years): 2019-2023" in text and "up to 4 years apart" in text   # 2019 to 2023


def test_a_premium_with_only_estimated_salaries_cannot_be_computed(db):
    add_file(db)
    add_model(db)
    add_postings(db, [{"posting_id": f"p{i}", "role": "data_scientist", "kind": "estimate",
                       "salary": 100_000 + 10_000 * (i % 2), "topics": ("sql",) if i % 2 else ()}
                      for i in range(40)])
    data = scope(db)
    assert data.premium["n_with"].sum() == 0                          # no estimated salary was used
    assert cannot_be_computed(data) == ("The premium cannot be computed: none of the 40 US posting salaries in "
                                        "scope is employer-stated (40 are site estimates), and a site's estimate "
                                        "says what the site's model pays, not what the employer offers.")


def test_the_premium_uses_employer_stated_salaries_and_never_averages_other(db):
    """10 + 10 employer-stated data scientists (SQL pays $5,000 more), 20 estimated ones that would say $50,000,
    and 20 'other' postings where SQL pays $90,000 more: only the first 20 count."""
    add_file(db)
    add_model(db)
    rows = [{"posting_id": f"d{i}", "role": "data_scientist", "salary": 100_000 + 5_000 * (i < 10),
             "topics": ("sql",) if i < 10 else ()} for i in range(20)]
    rows += [{"posting_id": f"s{i}", "role": "data_scientist", "kind": "estimate",
              "salary": 100_000 + 50_000 * (i < 10), "topics": ("sql",) if i < 10 else ()} for i in range(20)]
    rows += [{"posting_id": f"o{i}", "role": "other", "salary": 30_000 + 90_000 * (i < 10),
              "topics": ("sql",) if i < 10 else ()} for i in range(20)]
    add_postings(db, rows)
    premium = figures.topic_premium(db, model_id=MODEL, min_n=5)
    assert "other" not in set(premium.role)
    pooled = one(premium, topic_id="sql", role="within_role")
    assert (pooled.premium, pooled.n_with, pooled.n_without, pooled.n_roles) == (5_000, 10, 10, 1)
    assert cannot_be_computed(SimpleNamespace(premium=premium, min_n=5)) is None


def test_the_salary_chart_says_how_many_distinct_salaries_stand_behind_n(estimates_store):
    from careerlens.report import charts

    data = charts.salary_comparison_data(figures.salary_ranges(estimates_store, min_n=1),
                                         figures.oews_by_industry(estimates_store), figures.roles_for_soc())
    estimates = one(data, role="data_scientist", sector_label="All industries", series="Postings: site estimate")
    assert estimates.n_label == "24 postings, 2 distinct salaries"
