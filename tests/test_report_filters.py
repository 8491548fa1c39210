"""Report filters that match nothing are refused up front, and pages drawn from no data never crash."""

import dataclasses
import json
import re

import pandas as pd
import pytest
from click.testing import CliRunner

import careerlens
from careerlens.cli import main
from careerlens.errors import CareerlensError, UsageError
from careerlens.report import build, build_report, collect, figures
from careerlens.report.filters import require_postings
from tests.conftest import shared_file
from tests.test_report_figures import store  # noqa: F401  (40 data scientists in sectors 52 and 54, 5 actuaries in 52)


def test_a_store_without_postings_says_what_to_run(db):
    with pytest.raises(UsageError) as refused:
        require_postings(db, roles=["actuary"])
    assert str(refused.value) == (
        "the database holds no postings. Load some with `careerlens ingest PATH...`, then run `careerlens train` and "
        "`careerlens classify`; or build the demonstration database from the bundled default and report on it with "
        "`careerlens report --demo`")


def test_filters_that_match_postings_give_their_number(store):  # noqa: F811
    assert require_postings(store) == 45
    assert require_postings(store, roles=["actuary", "statistician"]) == 5
    assert require_postings(store, roles=["data_scientist"], industries=["54"]) == 20


@pytest.mark.parametrize("filters, message", [
    ({"roles": ["statistician"]},
     "no postings match --roles statistician; postings per role: data_scientist (40), actuary (5)"),
    ({"industries": ["11", "22"]},
     "no postings match --industries 11,22; postings per NAICS sector: 52 Finance and Insurance (25), "
     "54 Professional, Scientific, and Technical Services (20)"),
    ({"roles": ["actuary"], "industries": ["54"]},
     "no postings match --industries 54 with --roles actuary; postings of those roles per NAICS sector: "
     "52 Finance and Insurance (5)"),
])
def test_a_filter_that_matches_nothing_names_it_and_the_values_there_are(store, tmp_path, filters, message):  # noqa: F811
    with pytest.raises(CareerlensError) as refused:
        build_report(store, out=tmp_path / "r", **filters)
    assert str(refused.value) == message
    assert not (tmp_path / "r").exists()


def test_the_command_exits_1_with_the_message_on_real_glassdoor_postings(tmp_path):
    data_analyst = shared_file("glassdoor_data_analyst_2020/DataAnalyst.csv.gz")
    db_path = tmp_path / "store.duckdb"
    with careerlens.open_database(db_path) as db:
        careerlens.ingest(db, [data_analyst])
    result = CliRunner().invoke(main, ["report", "--roles", "actuary", "--db", str(db_path),
                                       "--out", str(tmp_path / "r")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, ValueError)
    assert re.search(r"Error: no postings match --roles actuary; postings per role: data_analyst \([0-9,]+\)",
                     result.output)
    assert not (tmp_path / "r").exists()


# -- pages from figures that found nothing ----------------------------------------------
def emptied(data):
    """``data`` with every table cut to its header, and the alignment of no demand (NaN shares, no status)."""
    frames = {f.name: getattr(data, f.name).iloc[0:0] for f in dataclasses.fields(data)
              if isinstance(getattr(data, f.name), pd.DataFrame)}
    weights = figures.curriculum_weights(data.curriculum)
    frames["alignment"], score = figures.curriculum_alignment(frames["target_demand"], weights)
    frames["alignment_implicit"], score_implicit = figures.curriculum_alignment(frames["target_demand"], weights,
                                                                                measure="implicit")
    summary = {key: None if key in ("first_posted", "last_posted", "oews_releases") else 0 for key in data.summary}
    return dataclasses.replace(data, **frames, summary=summary, alignment_score=score,
                               alignment_score_implicit=score_implicit)


def test_every_page_and_csv_is_written_when_no_figure_has_data(store, tmp_path):  # noqa: F811
    data = emptied(collect(store, min_n=5))
    assert data.alignment["share"].isna().all()                 # the case that once put NaN into a chart's JSON
    index = build.write_report(data, tmp_path / "r")
    pages = {p.name: p.read_text(encoding="utf-8") for p in index.parent.glob("*.html")}
    assert set(pages) == {"index.html", "demand.html", "salaries.html", "premium.html", "curriculum.html",
                          "claims.html", "method.html"}
    for name, page in pages.items():
        for spec in re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', page, re.S):
            json.loads(spec)                                     # strict JSON: no NaN
        assert "nan" not in re.sub(r"<script.*?</script>", "", page, flags=re.S).lower().split(), name
    assert "No labelled postings in scope." in pages["index.html"]
    csvs = sorted(index.parent.glob("*.csv"))
    assert len(csvs) >= 10
    for csv in csvs:
        frame = pd.read_csv(csv)
        assert len(frame.columns) > 0, csv.name
    alignment = pd.read_csv(index.parent / "curriculum-alignment.csv")
    assert len(alignment) == 15 and set(alignment["status"]) == {"not enough postings"}
