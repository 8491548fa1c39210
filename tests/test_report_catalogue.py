"""The figure table: every chart of the report is one row, and a new row is all a new figure needs."""

import altair as alt
import pandas as pd

from careerlens.report import build_report, catalogue, figures
from careerlens.report.blocks import Chart
from careerlens.report.collect import collect
from careerlens.report.pages import MENU, PAGES, assemble
from tests.test_report_figures import store  # noqa: F401  (the fixture)


def test_every_figure_is_on_a_page_under_its_own_key():
    keys = [f.key for f in catalogue.FIGURES]
    assert len(keys) == len(set(keys))
    assert {f.page for f in catalogue.FIGURES} <= {page.FILE for page in PAGES}
    assert [name for name, _ in MENU] == ["index.html", "demand.html", "salaries.html", "premium.html",
                                          "curriculum.html", "claims.html", "method.html"]


def test_each_page_shows_each_of_its_figures_once(store):  # noqa: F811
    data = collect(store, min_n=5)
    for file_name, _, blocks, _ in assemble(data):
        shown = [block.key for block in blocks if isinstance(block, Chart)]
        expected = [f.key for f in catalogue.FIGURES if f.page == file_name and f.shown(data)]
        if file_name == "claims.html":      # one chart per claim with evidence: the curriculum declares them
            expected += [f"claim-{c.claim.number}" for c in data.claims if not c.evidence.empty]
        assert sorted(shown) == sorted(expected), file_name


def test_a_new_figure_is_one_row(store, tmp_path, monkeypatch):  # noqa: F811
    """A row with a query of its own: collected with the rest, drawn at the end of its page, its CSV beside it."""
    row = catalogue.Figure(
        "postings-by-source", "method.html",
        query=lambda db, d: figures.postings_by_source(db),
        chart=lambda d: alt.Chart(d.figure_frames["postings-by-source"]).mark_bar().encode(x="postings:Q",
                                                                                          y="source:N"),
        caption=lambda d: "Postings per source.",
        frame=lambda d: d.figure_frames["postings-by-source"])
    monkeypatch.setattr(catalogue, "FIGURES", (*catalogue.FIGURES, row))
    index = build_report(store, out=tmp_path / "r", min_n=5)
    page = (index.parent / "method.html").read_text()
    assert 'id="chart-postings-by-source"' in page and "Postings per source." in page
    assert page.index('id="chart-postings-by-source"') > page.index("<h2>Caveats</h2>")
    written = pd.read_csv(index.parent / "method-postings-by-source.csv")
    assert written[["source", "postings"]].to_dict("records") == [{"source": "test", "postings": 45}]
