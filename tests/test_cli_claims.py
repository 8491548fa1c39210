"""`careerlens claims`: the verdicts as a table, CSV and JSON, and its errors."""

import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner

import careerlens
from careerlens.cli import main
from tests.test_claims import BASE, NATIONAL, add_oews, state
from tests.test_report_figures import add_file

CLAIMS = BASE + '''
[[claims]]
text = "Median salaries from $100,000 to over $200,000 depending on location."
kind = "salary_median_range"
occupation = "15-2051"
low = 100_000
high = 200_000
varies_by = ["state"]

[[claims]]
text = "Data scientists earn over $100,000."
kind = "salary_level"
occupation = "data_scientist"
amount = 100_000

[[claims]]
text = "Half of all postings ask for machine learning."
kind = "demand_share"
topic = "machine_learning"
share = 0.5
'''


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("claims-cli")
    with careerlens.open_database(folder / "store.duckdb") as db:
        add_file(db, file_id=9, name="oe.data.0.Current", kind="oews")
        add_oews(db, [NATIONAL, state("Washington", 163_350), state("Mississippi", 69_490)])
    (folder / "draft.toml").write_text(CLAIMS)
    return folder


def run(store, *args, code=0):
    result = CliRunner().invoke(main, ["claims", "--db", str(store / "store.duckdb"), *args])
    assert result.exit_code == code, result.output
    return result.output


def test_the_table_prints_each_claim_its_verdict_and_finding(store):
    out = run(store, "--curriculum", store / "draft.toml")
    assert out.count("claim ") >= 3
    assert "claim 1 (salary_median_range): PARTLY SUPPORTED" in out
    assert "claim 2 (salary_level): SUPPORTED" in out
    assert "claim 3 (demand_share): CANNOT BE CHECKED" in out
    flat = " ".join(out.split())
    assert ("the lowest state median is $69,490 in Mississippi, more than 10% below the $100,000 the range is "
            "said to start at; no state median reaches $200,000; the highest is $163,350 in Washington") in flat
    assert "no postings are labelled with this curriculum's topics" in flat


def test_csv_has_one_row_a_claim(store):
    frame = pd.read_csv(io.StringIO(run(store, "--curriculum", store / "draft.toml", "--format", "csv")))
    assert frame.columns.tolist() == ["claim", "kind", "verdict", "finding", "release", "text"]
    assert frame["verdict"].tolist() == ["partly supported", "supported", "cannot be checked"]
    assert frame["release"].tolist()[:2] == ["May 2025", "May 2025"]


def test_json_carries_every_claims_evidence(store):
    checks = json.loads(run(store, "--curriculum", store / "draft.toml", "--format", "json"))
    assert [c["verdict"] for c in checks] == ["partly supported", "supported", "cannot be checked"]
    evidence = {row["name"]: row for row in checks[0]["evidence"]}
    assert evidence["Mississippi"]["value"] == 69_490 and evidence["Washington"]["counted"] is True
    assert evidence["United States, all industries"]["p90"] == 199_130
    assert checks[2]["evidence"] == []


def test_a_bad_claim_exits_1_naming_file_line_and_key(store, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(CLAIMS.replace('kind = "salary_level"', 'kind = "salary_levels"'))
    result = CliRunner().invoke(main, ["claims", "--db", str(store / "store.duckdb"), "--curriculum", str(bad)])
    line = CLAIMS.splitlines().index('kind = "salary_level"') + 1
    assert result.exit_code == 1
    assert f"{bad}, line {line}, field 'claims[2].kind': unknown claim kind 'salary_levels'" in result.output


def test_an_unknown_format_is_bad_usage(store):
    assert "Invalid value for '--format'" in run(store, "--format", "yaml", code=2)


def test_fail_on_exits_1_naming_the_claims_that_fail_it(store):
    result = CliRunner().invoke(main, ["claims", "--db", str(store / "store.duckdb"), "--curriculum",
                                       str(store / "draft.toml"), "--fail-on", "partly"])
    assert result.exit_code == 1, result.output
    assert "1 claim(s) not supported or partly supported: claim 1 (--fail-on partly)" in result.stderr
    assert "claim 1 (salary_median_range): PARTLY SUPPORTED" in result.stdout      # the verdicts are still printed
    run(store, "--curriculum", store / "draft.toml", "--fail-on", "not-supported")  # none is not supported: exit 0


def test_fail_on_not_supported_catches_a_claim_no_wage_bears_out(store):
    (store / "overclaim.toml").write_text(BASE + '''
[[claims]]
text = "Data scientists earn over $300,000."
kind = "salary_level"
occupation = "data_scientist"
amount = 300_000
''')
    result = CliRunner().invoke(main, ["claims", "--db", str(store / "store.duckdb"), "--curriculum",
                                       str(store / "overclaim.toml"), "--fail-on", "not-supported"])
    assert result.exit_code == 1, result.output
    assert "claim 1 (salary_level): NOT SUPPORTED" in result.stdout
    assert "1 claim(s) not supported: claim 1 (--fail-on not-supported)" in result.stderr
