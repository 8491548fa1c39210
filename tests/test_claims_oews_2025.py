"""The certificate's salary claim on the real OEWS May 2025 release, against figures computed here from BLS's file.

The expected figures are read straight from ``oe.data.0.Current.gz`` with pandas (series ids split by their
published layout, the sector level from ``oe.industry``'s display level), not through careerlens's queries.
"""

from __future__ import annotations

import pandas as pd
import pytest

import careerlens
from careerlens.claims import PARTLY, check_claims, wage_ranges
from careerlens.curriculum import load_curriculum
from tests.conftest import shared_file

TOP_CODE = 239_200        # BLS footnote 5: "wage equal to or greater than $115.00 per hour or $239,200 per year"


@pytest.fixture(scope="module")
def oews_2025():
    return shared_file("oews-2025/oe.data.0.Current.gz").parent


@pytest.fixture(scope="module")
def checked(oews_2025, tmp_path_factory):
    with careerlens.open_database(tmp_path_factory.mktemp("oews2025") / "store.duckdb") as db:
        careerlens.ingest(db, [oews_2025])
        return check_claims(db, load_curriculum())


@pytest.fixture(scope="module")
def published(oews_2025):
    """Data Scientists' (15-2051) annual medians, 90th percentiles and employment, one row per area x industry."""
    data = pd.read_csv(oews_2025 / "oe.data.0.Current.gz", sep="\t", dtype=str)
    ids = data["series_id"].str.strip()
    data = data.assign(area_type=ids.str[3], area_code=ids.str[4:11], industry_code=ids.str[11:17],
                       occupation=ids.str[17:23], datatype=ids.str[23:25], value=data["value"].str.strip(),
                       footnote=data["footnote_codes"].fillna("").str.strip())
    data = data[(data["occupation"] == "152051") & data["datatype"].isin(["01", "13", "15"])]
    number = pd.to_numeric(data["value"], errors="coerce")
    data["number"] = number.where(~((data["value"] == "-") & (data["footnote"] == "5")), TOP_CODE)
    wide = data.pivot_table(index=["area_type", "area_code", "industry_code"], columns="datatype", values="number",
                            aggfunc="first").reindex(columns=["01", "13", "15"])
    wide.columns = ["employment", "median", "p90"]
    wide = wide.reset_index()
    areas = pd.read_csv(oews_2025 / "oe.area", sep="\t", dtype=str)
    industries = pd.read_csv(oews_2025 / "oe.industry", sep="\t", dtype=str)
    wide = wide.merge(areas[["area_code", "area_name"]], on="area_code", how="left").merge(
        industries, on="industry_code", how="left")
    return wide


def test_the_salary_claim_on_may_2025_against_blss_own_file(checked, published):
    salary = checked[0]
    national = published[(published["area_type"] == "N") & (published["industry_code"] == "000000")].iloc[0]
    states = published[(published["area_type"] == "S") & (published["industry_code"] == "000000")
                       & published["median"].notna()]
    on_national = published[published["area_type"] == "N"]
    sectors = on_national[(on_national["display_level"] == "2") & on_national["industry_name"].str.startswith("Sector")
                          & on_national["median"].notna()]
    detailed = on_national[(on_national["display_level"].astype(int) >= 3)
                           & ~on_national["industry_code"].str.startswith("999")
                           & (on_national["employment"] >= 1_000) & on_national["median"].notna()]
    compared = pd.concat([sectors.assign(name=sectors["industry_name"]), detailed.assign(name=detailed["industry_name"]),
                          states.assign(name=states["area_name"])])
    lowest, highest = compared.loc[compared["median"].idxmin()], compared.loc[compared["median"].idxmax()]

    in_range = 100_000 <= national["median"] <= 200_000
    low_end = lowest["median"] >= 90_000
    high_end = highest["median"] >= 200_000
    assert (in_range, low_end, high_end) == (True, False, False)          # so, by the rules, partly supported
    assert salary.verdict == PARTLY and salary.release == "May 2025"
    assert f"the national median (${national['median']:,.0f}) lies between $100,000 and $200,000" in salary.finding
    assert f"the lowest industry or state median is ${lowest['median']:,.0f} in {lowest['name']}" in salary.finding
    assert (f"no industry or state median reaches $200,000; the highest is ${highest['median']:,.0f} in "
            f"{highest['name']}") in salary.finding
    assert f"(nationally it is ${national['p90']:,.0f})" in salary.finding

    ranges = wage_ranges(salary.evidence).set_index("group")
    for group, cells in (("state", states), ("industry (sector)", sectors), ("detailed industry", detailed)):
        low, high = cells.loc[cells["median"].idxmin()], cells.loc[cells["median"].idxmax()]
        assert ranges.loc[group, ["cells", "lowest", "highest", "highest_p90"]].tolist() == [
            len(cells), low["median"], high["median"], cells["p90"].max()], group
    assert ranges.loc["state", "highest_in"] == states.loc[states["median"].idxmax(), "area_name"]
    assert ranges.loc["national", "lowest"] == national["median"]


def test_the_roles_claim_on_may_2025_employment(checked, published):
    roles = checked[1]
    sector_rows = roles.evidence[roles.evidence["group"] == "sector employment"]
    finance = published[(published["area_type"] == "N") & (published["industry_code"] == "52--53")].iloc[0]
    assert sector_rows.set_index("name").loc["data_scientist in Finance and Insurance", "value"] == \
        finance["employment"]
    assert "role and sector pairs employ people" in roles.finding
