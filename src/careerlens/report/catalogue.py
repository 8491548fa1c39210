"""Every chart of the report, one row each: its page, its data (written beside the page as CSV), chart and caption.

Adding a figure is adding a :class:`Figure` row to :data:`FIGURES`. Its data
is a selection of what :func:`careerlens.report.collect.collect` gathered, or,
for new data, a ``query`` of its own, which ``collect`` runs with the rest;
its chart is a pure function of :mod:`careerlens.report.charts`. A page shows
its figures where its builder places them (:func:`figure_block`), and a figure
no builder places at the end of its page. The CSV is ``<page>-<key>.csv``.

Rows take the collected :class:`~careerlens.report.collect.ReportData` as ``d``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import altair as alt
import pandas as pd

from careerlens.report import charts, figures
from careerlens.report.blocks import Chart, e
from careerlens.report.text import count


def _always(d) -> bool:
    return True


@dataclass(frozen=True)
class Figure:
    """One chart of the report.

    Parameters
    ----------
    key : str
        Its id on the page; its CSV is ``<page stem>-<key>.csv``.
    page : str
        The file name of the page that shows it.
    chart : callable
        ``chart(d)`` -> an Altair chart.
    caption : callable
        ``caption(d)`` -> the caption, HTML written by careerlens (escape data in it with ``e``).
    frame : callable
        ``frame(d)`` -> the DataFrame written as the chart's CSV.
    synthetic_subtitle : bool
        Whether the chart draws on postings, and so carries the synthetic-data warning in its subtitle.
    shown : callable
        ``shown(d)`` -> False when there is nothing to draw (the page then says why).
    query : callable, optional
        ``query(db, d)`` -> a DataFrame, run by ``collect`` for a figure whose data is
        its own; ``frame`` and ``chart`` find it in ``d.figure_frames[key]``.
    """

    key: str
    page: str
    chart: Callable
    caption: Callable
    frame: Callable
    synthetic_subtitle: bool = True
    shown: Callable = _always
    query: Callable | None = None


# -- what several rows select from the collected data ---------------------------------------
def _n_in_scope(d) -> int:
    overall = d.demand_by("all")
    return int(overall["n_postings"].max()) if len(overall) else 0


def _topics_by_demand(d) -> list[str]:
    """Topics, most asked-for first: the demand dropdowns open on it, so the first view is never an empty chart."""
    overall = d.demand_by("all").sort_values("share", ascending=False, na_position="last")
    return overall["topic_name"].tolist() or [t.name for t in d.curriculum.topics]


def _demand_by(dimension: str, title: str):
    return lambda d: charts.demand_by(d.demand, dimension, min_n=d.min_n, topics=_topics_by_demand(d), title=title)


def _first_seen_caption(d) -> str:
    """n per month first seen, and a note when the months rest on different sources."""
    sources = d.figure_frames.get("first-seen", pd.DataFrame(columns=["first_seen", "source", "n_postings"]))
    per_month = sources.groupby("first_seen")["n_postings"].sum()
    shown = ", ".join(f"{month}: {n:,}" for month, n in per_month.items())
    mixes = {month: tuple(sorted(group["source"])) for month, group in sources.groupby("first_seen")}
    note = ""
    if len(set(mixes.values())) > 1:
        listed = "; ".join(f"{month}: {', '.join(names)}" for month, names in mixes.items())
        note = (f" The months come from different sources ({e(listed)}): a change between months may be a "
                "change of boards, not of demand.")
    return ("Job-board postings only (careerlens fetch), by the month a snapshot first listed them: one point per "
            "month and source with at least the minimum n, with its 95% interval, and no line between months. Choose "
            f"the topic and the demand below the chart. n per month: {e(shown)}.{note}")


def _named(d, frame: pd.DataFrame) -> pd.DataFrame:
    names = {t.id: t.name for t in d.curriculum.topics}
    frame["topic_name"] = frame["topic_id"].map(lambda t: names.get(t, t))
    return frame


def _month_caption(d) -> str:
    """How many postings carry a date, and what each source's months rest on."""
    frame = d.figure_frames["month"]
    cells = frame[frame["dimension"] == "month"].drop_duplicates(["value", "source"])
    dated, labelled = int(cells["n_postings"].sum()), _n_in_scope(d)
    per_source = []
    for source, group in cells.groupby("source"):
        drawn = group[group["n_postings"] >= d.min_n]
        per_source.append(f"{e(source)}: {int(group['n_postings'].sum()):,} postings in {len(group)} months, "
                          f"{len(drawn)} with at least {d.min_n} ("
                          + (", ".join(f"{r.value}: {int(r.n_postings):,}" for r in drawn.itertuples()) or "none")
                          + ")")
    return (f"Only postings with a date count: {dated:,} of the {labelled:,} labelled postings carry one. One point "
            "per month and source with at least the minimum n, and its 95% interval; months are not joined by a "
            "line, because neighbouring months may rest on different sources, and a source whose months are few "
            "says little about a trend. Choose the topic and the demand below the chart. "
            + "; ".join(per_source) + ".")


def _target_salaries(d) -> pd.DataFrame:
    comparison = d.salary_comparison()
    return comparison[comparison["role"].isin(d.target_roles)]


def _oews_occupations(d):
    """The OEWS-by-state dropdown's occupations: the target roles' SOC codes first, in the roles' order."""
    if d.oews_state.empty:
        return None
    soc = figures.role_soc_codes()
    order = {code: i for i, code in enumerate(soc[r] for r in d.target_roles if r in soc)}
    labels = (d.oews_state["soc_code"] + " " + d.oews_state["occupation"].fillna("")).drop_duplicates()
    return sorted(labels, key=lambda label: (order.get(label[:7], 99), label))


def _onet_areas(d) -> list[str]:
    return list(dict.fromkeys(["Mathematics"] + [t.onet_knowledge for t in d.curriculum.topics if t.onet_knowledge]))


#: Uncovered skills: figure key -> (kind in the frame, chart title, what the list is).
UNCOVERED = {
    "uncovered-listed": ("listed on postings", "Skills listed on postings that no topic covers",
                         "From the skills the postings list themselves (LinkedIn job skills)"),
    "uncovered-phrases": ("phrase", "Frequent phrases in postings that no topic covers",
                          "Two-word phrases from the target roles' descriptions, boilerplate removed, by share of "
                          "postings using them"),
}


def uncovered_rows(d, key: str) -> pd.DataFrame:
    return d.uncovered[d.uncovered["kind"] == UNCOVERED[key][0]]


def uncovered_scope(d, key: str) -> int:
    """How many target-role postings the list was read from."""
    rows = uncovered_rows(d, key)
    return int(rows["n_scope"].max()) if len(rows) else 0


def _uncovered(key: str) -> Figure:
    kind, title, what = UNCOVERED[key]
    return Figure(key, "curriculum.html",
                  chart=lambda d: charts.uncovered_terms(d.uncovered, kind, title),
                  caption=lambda d: f"{e(what)}; n = {uncovered_scope(d, key):,} target-role postings.",
                  frame=lambda d: uncovered_rows(d, key),
                  shown=lambda d: uncovered_scope(d, key) >= d.min_n)


FIGURES = (
    # -- index.html -----------------------------------------------------------------------------
    Figure("top-topics", "index.html",
           chart=lambda d: charts.demand_bars(d.demand, min_n=d.min_n),
           caption=lambda d: f"Share of the {count(_n_in_scope(d))} labelled postings in scope that ask for each "
                             "topic; the black line is the 95% interval. Hover a bar for n.",
           frame=lambda d: d.demand_by("all")),
    Figure("headline-salaries", "index.html",
           chart=lambda d: charts.salary_ranges(d.salary_comparison(d.target_roles), min_n=d.min_n, selector=False),
           caption=lambda d: "Annual salaries of the target roles, all industries: postings (employer-stated and "
                             "site estimates, US) beside OEWS for the role's SOC code. Box: 25th-75th percentile; "
                             "whiskers: 10th-90th; tick: median. Salary ranges by industry and state are on the "
                             "Salary ranges page.",
           frame=lambda d: d.salary_comparison(d.target_roles)),
    # -- demand.html ----------------------------------------------------------------------------
    Figure("role-topic", "demand.html",
           chart=lambda d: charts.demand_heatmap(
               d.demand, min_n=d.min_n, topic_order=[t.name for t in d.curriculum.topics],
               title="Explicit demand: share of each role's postings naming the topic (grey: too few)"),
           caption=lambda d: "Each cell: the share of that role's labelled postings asking for the topic. Hover for "
                             "the 95% interval and n.",
           frame=lambda d: d.demand_by("role")),
    Figure("role-topic-implicit", "demand.html",
           chart=lambda d: charts.demand_heatmap(
               charts.implicit_view(d.demand), min_n=d.min_n, topic_order=[t.name for t in d.curriculum.topics],
               measure="implicit",
               title="Implicit demand: share of each role's postings asking for the topic or a topic requiring it"),
           caption=lambda d: "The same with implicit demand: a posting counts for a topic when it asks for it or for "
                             "a topic that requires it (the curriculum's prerequisite links). Same n; hover for the "
                             "95% interval.",
           frame=lambda d: d.demand_by("role")),
    Figure("sector", "demand.html",
           chart=_demand_by("naics_sector", ", by industry"),
           caption=lambda d: "Choose the topic and the demand (explicit or implicit) below the chart. Industries are NAICS 2022 sectors mapped from the "
                             "posting's industry; postings whose industry maps to no sector are left out.",
           frame=lambda d: d.demand_by("naics_sector")),
    Figure("state", "demand.html",
           chart=_demand_by("state", ", by US state"),
           caption=lambda d: "Choose the topic and the demand (explicit or implicit) below the chart. Remote postings without a state are left out.",
           frame=lambda d: d.demand_by("state")),
    Figure("month", "demand.html",
           chart=lambda d: charts.demand_over_time(d.figure_frames["month"], "month", min_n=d.min_n,
                                                   topics=_topics_by_demand(d), title=", by month posted and source"),
           caption=lambda d: _month_caption(d),
           frame=lambda d: d.figure_frames["month"][d.figure_frames["month"]["dimension"] == "month"],
           shown=lambda d: d.demand_by("month")["value"].nunique() > 0,
           query=lambda db, d: _named(d, figures.demand_by_month_and_source(
               db, model_id=d.model["model_id"], roles=d.roles, industries=d.industries, min_n=d.min_n,
               links=d.curriculum.prerequisite_links))),
    Figure("first-seen", "demand.html",
           chart=lambda d: charts.demand_over_time(d.figure_frames["month"], "first_seen", min_n=d.min_n,
                                                   topics=_topics_by_demand(d),
                                                   title=", by month first seen and source"),
           caption=lambda d: _first_seen_caption(d),
           frame=lambda d: d.demand_by("first_seen"),
           shown=lambda d: d.demand_by("first_seen")["value"].nunique() > 0,
           query=lambda db, d: figures.first_seen_sources(db, model_id=d.model["model_id"], roles=d.roles,
                                                          industries=d.industries)),
    # -- salaries.html --------------------------------------------------------------------------
    Figure("role-industry", "salaries.html",
           chart=lambda d: charts.salary_ranges(_target_salaries(d), min_n=d.min_n),
           caption=lambda d: "Choose an industry below the chart; click a legend entry to highlight one source. "
                             "Site estimates (Glassdoor) are the site's model of pay, not offers. OEWS n is the "
                             "occupation's employment.",
           frame=lambda d: d.salary_comparison()),
    Figure("oews-state", "salaries.html",
           chart=lambda d: charts.oews_by_state(d.oews_state, occupations=_oews_occupations(d)),
           caption=lambda d: "BLS OEWS wages by state, all industries, for the occupation chosen below the chart "
                             "(real BLS figures). Top-coded percentiles (BLS publishes no number above its cap) are "
                             "missing.",
           frame=lambda d: d.oews_state,
           synthetic_subtitle=False),
    Figure("survey", "salaries.html",
           chart=lambda d: charts.survey_ranges(d.survey[d.survey["role"].isin(d.target_roles)], min_n=d.min_n),
           caption=lambda d: "Self-reported salaries (ai-jobs.net survey, all work years pooled), in US dollars. "
                             "Choose the employee's country below the chart ('all' pools every country).",
           frame=lambda d: d.survey,
           synthetic_subtitle=False),
    # -- premium.html ---------------------------------------------------------------------------
    Figure("premium", "premium.html",
           chart=lambda d: charts.topic_premium(d.premium, min_n=d.min_n),
           caption=lambda d: f"{len(d.premium[(d.premium['role'] == 'within_role') & ~d.premium['suppressed']])} "
                             "topics have a within-role estimate. Red points: the 95% interval excludes zero. Hover for "
                             "both medians and both n.",
           frame=lambda d: d.premium),
    # -- curriculum.html ------------------------------------------------------------------------
    Figure("demand-views", "curriculum.html",
           chart=lambda d: charts.demand_views(d.target_demand, min_n=d.min_n),
           caption=lambda d: "Per topic, the share of the target roles' postings that name it (explicit) and that "
                             "name it or a topic requiring it (implicit), with 95% Wilson intervals over the same n. "
                             "Hover for n.",
           frame=lambda d: d.target_demand[d.target_demand["dimension"] == "all"]),
    Figure("alignment", "curriculum.html",
           chart=lambda d: charts.alignment_bars(d.alignment, d.alignment_implicit),
           caption=lambda d: "For each topic: its share of the target roles' demand (postings counted for it, over "
                             "all topics' shares), explicit and implicit, beside its share of teaching time. Click "
                             "the legend to highlight one measure.",
           frame=lambda d: d.alignment_side_by_side()),
    Figure("gaps", "curriculum.html",
           chart=lambda d: charts.alignment_gaps(d.alignment, "Gaps (right) and surpluses (left), explicit demand"),
           caption=lambda d: "Share of explicit demand minus share of teaching time, in percentage points: red "
                             "topics are under-taught (a gap of at least 2 points), purple over-taught.",
           frame=lambda d: d.alignment),
    Figure("gaps-implicit", "curriculum.html",
           chart=lambda d: charts.alignment_gaps(d.alignment_implicit,
                                                 "Gaps (right) and surpluses (left), implicit demand"),
           caption=lambda d: "The same with implicit demand: the foundations are credited with the postings of the "
                             "topics that require them.",
           frame=lambda d: d.alignment_implicit),
    Figure("onet", "curriculum.html",
           chart=lambda d: charts.onet_heatmap(d.onet_by_role, areas=_onet_areas(d), roles=d.target_roles),
           caption=lambda d: "Importance of each knowledge area to the target roles' O*NET occupations (where O*NET "
                             "rates several occupations under the role's SOC code, their mean). Hover for the level "
                             "and the occupations.",
           frame=lambda d: d.onet_of_target_roles(),
           synthetic_subtitle=False),
    _uncovered("uncovered-listed"),
    _uncovered("uncovered-phrases"),
)



def figure_named(key: str) -> Figure:
    for figure in FIGURES:
        if figure.key == key:
            return figure
    raise KeyError(f"no figure {key!r} in careerlens.report.catalogue.FIGURES")


def spec(chart: alt.TopLevelMixin, subtitle: str | None = None) -> dict:
    """The chart's Vega-Lite spec, with the synthetic-data warning as a subtitle (it then shows in exports too).

    Validation against the Vega-Lite schema is left to the chart tests: run on inline
    data it takes most of the build's time and checks the same structure every run.
    """
    if subtitle:
        # A title may be text or a TitleParams whose text is an expression naming the chosen topic: keep either.
        title = chart.title.text if isinstance(chart.title, alt.TitleParams) else (
            chart.title if isinstance(chart.title, str) else "")
        chart = chart.properties(title=alt.Title(text=title, subtitle=subtitle, subtitleColor="#b35900"))
    return charts.to_spec(chart, validate=False)


def figure_block(d, key: str, synthetic: str | None) -> Chart | None:
    """The figure ``key`` as a page block, or None when it has nothing to show.

    ``synthetic`` is the subtitle warning that postings are synthetic demonstration data (None when none are).
    """
    figure = figure_named(key)
    if not figure.shown(d):
        return None
    return Chart(key, spec(figure.chart(d), synthetic if figure.synthetic_subtitle else None), figure.caption(d),
                 figure.frame(d))
