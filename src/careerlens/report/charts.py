"""The report's charts: pure functions from a DataFrame (from :mod:`figures`) to an Altair chart.

Charts carry their data inline (no URLs: pages open offline), give ``n`` and
the source in every tooltip, and draw suppressed cells (below the minimum n)
as a grey "too few" note instead of a number. Test them on ``chart.to_dict()``.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

SUPPRESSED_COLOUR = "#9a9a9a"
#: One colour per measure on every page: explicit demand blue, implicit demand orange, teaching time green.
DEMAND_COLOURS = {"explicit": "#4c78a8", "implicit": "#f58518"}
TEACHING_COLOUR = "#54a24b"
#: Series that are neither demand nor teaching time (salary sources, uncovered phrases, a premium whose interval
#: spans zero) take colours none of those use, so blue, orange and green keep one meaning across the report.
OTHER_COLOURS = ["#9d755d", "#17becf", "#d67195", "#bcbd22"]
NEUTRAL_MARK = "#79706e"
EXPERIENCE_LABELS = {"EN": "Entry", "MI": "Mid", "SE": "Senior", "EX": "Executive", "all": "All levels",
                     "unknown": "Unknown"}
USD = "$,.0f"


def _data(frame: pd.DataFrame) -> pd.DataFrame:
    """The chart's rows: Altair stores a DataFrame once under ``datasets`` (NaN as null, dates as ISO text)."""
    return frame.reset_index(drop=True)


def to_spec(chart: alt.TopLevelMixin, *, validate: bool = True) -> dict:
    """The chart's Vega-Lite spec with its data inline, however many rows it has; a missing value is null.

    Altair writes NaN as null in numeric columns but leaves it as NaN in an object column, such as
    ``suppressed`` after a merge that found no demand (no labelled posting in scope); JSON has no NaN.
    """
    with alt.data_transformers.enable("default", max_rows=None):
        spec = chart.to_dict(validate=validate)
    for rows in spec.get("datasets", {}).values():
        for row in rows:
            for key, value in row.items():
                if isinstance(value, float) and not math.isfinite(value):
                    row[key] = None
    return spec


def _dropdown(name: str, label: str, options, default) -> alt.Parameter:
    return alt.param(name=name, value=default, bind=alt.binding_select(options=list(options), name=label))


def _too_few(base: alt.Chart, y: alt.Y, n_field: str, min_n: int, what: str = "postings",
             y_offset=None) -> alt.Chart:
    """A grey note on each suppressed row: the cell is there, but not reliable enough to show."""
    encoding = {"y": y, "x": alt.value(2), "text": "note:N", "tooltip": [alt.Tooltip("note:N", title="suppressed")]}
    if y_offset is not None:
        encoding["yOffset"] = y_offset
    return base.transform_filter(alt.datum.suppressed).transform_calculate(
        note=f"'too few {what} (n = ' + datum.{n_field} + ' < {min_n})'"
    ).mark_text(align="left", color=SUPPRESSED_COLOUR, fontStyle="italic", dx=2, fontSize=10).encode(**encoding)


def _empty(message: str) -> alt.Chart:
    return alt.Chart(alt.Data(values=[{"message": message}])).mark_text(
        align="left", fontSize=13, color="#555").encode(text="message:N", x=alt.value(0)).properties(
        width=500, height=30)


# -- demand ------------------------------------------------------------------------
def demand_bars(frame: pd.DataFrame, *, min_n: int, title: str = "Share of postings asking for each topic") -> alt.Chart:
    """Overall demand: one bar per topic with its 95% Wilson interval (rows of dimension 'all')."""
    data = frame[frame["dimension"] == "all"]
    if data.empty:
        return _empty("No labelled postings in scope.")
    y = alt.Y("topic_name:N", sort=alt.EncodingSortField("share", op="max", order="descending"), title=None)
    base = alt.Chart(_data(data))
    tooltip = [alt.Tooltip("topic_name:N", title="topic"), alt.Tooltip("share:Q", format=".1%"),
               alt.Tooltip("ci_low:Q", title="95% CI low", format=".1%"),
               alt.Tooltip("ci_high:Q", title="95% CI high", format=".1%"),
               alt.Tooltip("n_asking:Q", title="postings asking"), alt.Tooltip("n_postings:Q", title="n postings")]
    shown = base.transform_filter("!datum.suppressed")
    bars = shown.mark_bar(color=DEMAND_COLOURS["explicit"]).encode(
        y=y, x=alt.X("share:Q", title="share of postings", axis=alt.Axis(format="%")), tooltip=tooltip)
    rule = shown.mark_rule(color="#222").encode(y=y, x="ci_low:Q", x2="ci_high:Q", tooltip=tooltip)
    return alt.layer(bars, rule, _too_few(base, y, "n_postings", min_n)).properties(
        title=title, width=520)


def implicit_view(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`figures.topic_demand`'s rows with the implicit measure in the explicit columns, for the same charts."""
    return frame.assign(share=frame["share_implicit"], ci_low=frame["ci_low_implicit"],
                        ci_high=frame["ci_high_implicit"], n_asking=frame["n_asking_implicit"])


def demand_heatmap(frame: pd.DataFrame, *, min_n: int,
                   title: str = "Share of each role's postings asking for each topic (roles by number of postings; "
                                "grey: too few)", topic_order=None, measure: str = "explicit") -> alt.Chart:
    """Role x topic: the share of each role's postings asking for each topic; grey where n < min_n.

    ``topic_order`` fixes the columns (the curriculum's order, the same in the explicit and the implicit map);
    by default the most asked-for first. ``measure`` picks the colour scale: blues for explicit demand, oranges
    for implicit, as on every chart.
    """
    data = frame[frame["dimension"] == "role"]
    if data.empty:
        return _empty("No labelled postings with a role in scope.")
    overall = list(topic_order) if topic_order is not None else (
        frame[frame["dimension"] == "all"].sort_values("share", ascending=False)["topic_name"].tolist())
    data = data.assign(row=data["value_label"] + " (n=" + data["n_postings"].map("{:,}".format) + ")")
    roles = data.groupby("row")["n_postings"].max().sort_values(ascending=False).index.tolist()
    x = alt.X("topic_name:N", title=None, sort=overall or None, axis=alt.Axis(labelAngle=-40, labelLimit=180))
    y = alt.Y("row:N", title=None, sort=roles, axis=alt.Axis(labelLimit=260))
    tooltip = [alt.Tooltip("value_label:N", title="role"), alt.Tooltip("topic_name:N", title="topic"),
               alt.Tooltip("share:Q", format=".1%"), alt.Tooltip("ci_low:Q", title="95% CI low", format=".1%"),
               alt.Tooltip("ci_high:Q", title="95% CI high", format=".1%"),
               alt.Tooltip("n_asking:Q", title="postings asking"), alt.Tooltip("n_postings:Q", title="n postings")]
    base = alt.Chart(_data(data))
    cells = base.transform_filter("!datum.suppressed").mark_rect().encode(
        x=x, y=y, color=alt.Color("share:Q", title="share", scale=alt.Scale(
            scheme="oranges" if measure == "implicit" else "blues", domain=[0, 1]),
                                  legend=alt.Legend(format="%")),
        tooltip=tooltip)
    labels = base.transform_filter("!datum.suppressed").mark_text(fontSize=10).encode(
        x=x, y=y, text=alt.Text("share:Q", format=".0%"),
        color=alt.condition("datum.share > 0.5", alt.value("white"), alt.value("black")), tooltip=tooltip)
    too_few = base.transform_filter(alt.datum.suppressed).mark_rect(
        fill="#eeeeee", stroke="#cccccc").encode(
        x=x, y=y, tooltip=[alt.Tooltip("value_label:N", title="role"), alt.Tooltip("topic_name:N", title="topic"),
                           alt.Tooltip("n_postings:Q", title=f"n postings (suppressed, < {min_n})")])
    marks = base.transform_filter(alt.datum.suppressed).mark_text(text="n<" + str(min_n), fontSize=9,
                                                                   color=SUPPRESSED_COLOUR).encode(x=x, y=y)
    return alt.layer(cells, labels, too_few, marks).properties(width=alt.Step(46), height=alt.Step(24), title=title)


#: The demand dimensions drawn over time, with their axis titles.
TIME_DIMENSIONS = {"month": "month posted", "first_seen": "month first seen"}


def _measure_rows(data: pd.DataFrame, keep) -> pd.DataFrame:
    """Explicit and implicit demand as rows (``measure``), each with its share, interval and n asking."""
    views = []
    for measure, suffix in (("explicit", ""), ("implicit", "_implicit")):
        view = data[list(keep)].copy()
        view["measure"] = measure
        for column in ("share", "ci_low", "ci_high", "n_asking"):
            view[column] = data[f"{column}{suffix}"].to_numpy()
        views.append(view)
    return pd.concat(views, ignore_index=True)


def demand_over_time(frame: pd.DataFrame, dimension: str, *, min_n: int, topics, title: str) -> alt.Chart:
    """Demand for one topic per month, one point per posting source with its 95% interval, and no line.

    ``frame`` is :func:`figures.demand_by_month_and_source`. A line would join months
    that rest on different sources, and cross months with no postings, drawing a
    trend that is not there; points coloured by source show what each month rests
    on. Cells below ``min_n`` postings are not drawn. Dropdowns (below the chart)
    choose the topic and the demand (explicit or implicit); the title names both.
    """
    data = frame[frame["dimension"] == dimension]
    if data.empty or data["suppressed"].all():
        return _empty(f"No source has {min_n} or more labelled postings in any one {TIME_DIMENSIONS[dimension]}.")
    long = _measure_rows(data, ["value", "source", "topic_name", "n_postings", "suppressed"])
    topic = _dropdown(f"topic_{dimension}", "Topic: ", topics, topics[0])
    measure = _dropdown(f"measure_{dimension}", "Demand: ", ["explicit", "implicit"], "explicit")
    base = alt.Chart(_data(long)).transform_filter(
        (alt.datum.topic_name == topic) & (alt.datum.measure == measure)).transform_filter("!datum.suppressed")
    x = alt.X("value:T", title=TIME_DIMENSIONS[dimension], timeUnit="utcyearmonth")
    colour = alt.Color("source:N", title="source", scale=alt.Scale(scheme="dark2"), legend=alt.Legend(orient="bottom"))
    tooltip = [alt.Tooltip("value:N", title=TIME_DIMENSIONS[dimension]), alt.Tooltip("source:N"),
               alt.Tooltip("topic_name:N", title="topic"), alt.Tooltip("measure:N", title="demand"),
               alt.Tooltip("share:Q", format=".1%"), alt.Tooltip("ci_low:Q", title="95% CI low", format=".1%"),
               alt.Tooltip("ci_high:Q", title="95% CI high", format=".1%"),
               alt.Tooltip("n_asking:Q", title="postings asking"), alt.Tooltip("n_postings:Q", title="n postings")]
    rule = base.mark_rule(strokeWidth=2, opacity=0.6).encode(x=x, y="ci_low:Q", y2="ci_high:Q", color=colour,
                                                             tooltip=tooltip)
    points = base.mark_point(filled=True, size=70, opacity=1).encode(
        x=x, y=alt.Y("share:Q", title="share of postings", axis=alt.Axis(format="%")), color=colour,
        tooltip=tooltip)
    return alt.layer(rule, points).add_params(topic, measure).properties(
        width=560, height=260,
        title=alt.TitleParams(text=alt.ExprRef(
            expr=f"'Share of postings asking for ' + {topic.name} + ' (' + {measure.name} + ' demand){title}'")))


def demand_by(frame: pd.DataFrame, dimension: str, *, min_n: int, title: str, topics=None) -> alt.Chart:
    """Demand for one topic across the values of ``dimension`` ('naics_sector' or 'state'), as bars with intervals.

    Dropdowns (below the chart) choose the topic and the demand (explicit or
    implicit); the title names both. ``title`` ends it (", by industry").
    """
    data = frame[frame["dimension"] == dimension]
    if data.empty:
        return _empty(f"No postings with a {dimension.replace('_', ' ')} in scope.")
    options = list(topics) if topics else sorted(data["topic_name"].unique())
    long = _measure_rows(data, ["value_label", "topic_name", "n_postings", "suppressed"])
    topic = _dropdown(f"topic_{dimension}", "Topic: ", options, options[0])
    measure = _dropdown(f"measure_{dimension}", "Demand: ", ["explicit", "implicit"], "explicit")
    base = alt.Chart(_data(long)).transform_filter((alt.datum.topic_name == topic) & (alt.datum.measure == measure))
    tooltip = [alt.Tooltip("value_label:N", title=dimension.replace("_", " ")),
               alt.Tooltip("topic_name:N", title="topic"), alt.Tooltip("measure:N", title="demand"),
               alt.Tooltip("share:Q", format=".1%"), alt.Tooltip("ci_low:Q", title="95% CI low", format=".1%"),
               alt.Tooltip("ci_high:Q", title="95% CI high", format=".1%"),
               alt.Tooltip("n_asking:Q", title="postings asking"), alt.Tooltip("n_postings:Q", title="n postings")]
    shown = base.transform_filter("!datum.suppressed")
    y = alt.Y("value_label:N", title=None, sort=alt.EncodingSortField("share", op="max", order="descending"),
              axis=alt.Axis(labelLimit=300))
    bars = shown.mark_bar().encode(
        y=y, x=alt.X("share:Q", title="share of postings", axis=alt.Axis(format="%")), tooltip=tooltip,
        color=alt.Color("measure:N", title="demand", legend=None,
                        scale=alt.Scale(domain=list(DEMAND_COLOURS), range=list(DEMAND_COLOURS.values()))))
    rule = shown.mark_rule(color="#222").encode(y=y, x="ci_low:Q", x2="ci_high:Q", tooltip=tooltip)
    chart = alt.layer(bars, rule, _too_few(base, y, "n_postings", min_n)).properties(width=520)
    return chart.add_params(topic, measure).properties(title=alt.TitleParams(text=alt.ExprRef(
        expr=f"'Share of postings asking for ' + {topic.name} + ' (' + {measure.name} + ' demand){title}'")))


# -- salaries ----------------------------------------------------------------------
def _range_layers(base: alt.Chart, *, y: alt.Y, y_offset, colour: alt.Color, tooltip, legend_pick,
                  x_title="annual salary (USD)"):
    """p10-p90 whisker, p25-p75 box and a median tick, faded when another series is picked in the legend."""
    opacity = alt.condition(legend_pick, alt.value(1.0), alt.value(0.15))
    x = alt.X("p10:Q", title=x_title, axis=alt.Axis(format="$.3~s"), scale=alt.Scale(zero=False))
    whisker = base.mark_rule(strokeWidth=1.5).encode(y=y, yOffset=y_offset, x=x, x2="p90:Q", color=colour,
                                                     opacity=opacity, tooltip=tooltip)
    box = base.mark_bar(size=9).encode(y=y, yOffset=y_offset, x="p25:Q", x2="p75:Q", color=colour,
                                       opacity=opacity, tooltip=tooltip)
    median = base.mark_tick(color="black", thickness=2, size=11).encode(
        y=y, yOffset=y_offset, x="median:Q", opacity=opacity, tooltip=tooltip)
    return [whisker, box, median]


def _percentile_tooltips():
    return [alt.Tooltip(f"{p}:Q", title=p, format=USD) for p in ("p10", "p25", "median", "p75", "p90")]


def salary_comparison_data(postings: pd.DataFrame, oews: pd.DataFrame, role_soc: pd.DataFrame) -> pd.DataFrame:
    """Postings' ranges (by salary kind) and OEWS's (for each role's SOC) in one long table for :func:`salary_ranges`.

    ``postings`` is :func:`figures.salary_ranges`; ``oews`` is :func:`figures.oews_by_industry`;
    ``role_soc`` is :func:`figures.roles_for_soc`.
    """
    kinds = {"employer": "Postings: employer-stated range", "estimate": "Postings: site estimate",
             "unstated": "Postings: range (source not stated)"}
    posted = postings[postings["salary_kind"].isin(list(kinds))].copy()
    posted["series"] = posted["salary_kind"].map(kinds)
    # Beside n, how many distinct salaries it holds: a site estimate repeated over many postings is one value.
    distinct = posted["n_distinct"] if "n_distinct" in posted else pd.Series(pd.NA, index=posted.index)
    posted["n_label"] = [f"{n:,} postings" + ("" if pd.isna(k) else f", {int(k):,} distinct salaries")
                         for n, k in zip(posted["n"], distinct)]
    posted["source"] = posted["sources"]
    oews_rows = oews.merge(role_soc, on="soc_code", how="inner")
    oews_rows = oews_rows[oews_rows["median"].notna()].copy()
    oews_rows["series"] = "OEWS (BLS) wages, " + oews_rows["release"].astype(str)
    oews_rows["n"] = oews_rows["employment"]
    oews_rows["n_label"] = oews_rows["employment"].map(
        lambda e: "employment not published" if pd.isna(e) else f"{int(e):,} employed")
    oews_rows["source"] = ("BLS OEWS " + oews_rows["release"].astype(str) + ", SOC " + oews_rows["soc_code"]
                           + " " + oews_rows["occupation"].fillna(""))
    oews_rows["suppressed"] = False
    columns = ["role", "role_label", "naics_sector", "sector_label", "series", "n", "n_label", "source",
               "suppressed", "p10", "p25", "median", "p75", "p90"]
    both = pd.concat([posted[columns], oews_rows[columns]], ignore_index=True)
    soc = dict(zip(role_soc["role"], role_soc["soc_code"]))
    both["row"] = both["role_label"] + both["role"].map(lambda r: f" (SOC {soc[r]})" if r in soc else "")
    return both


def salary_ranges(data: pd.DataFrame, *, min_n: int, selector: bool = True,
                  default_sector: str = "All industries") -> alt.Chart:
    """Salary ranges by role from postings beside OEWS, with an industry dropdown and a clickable legend.

    ``data`` is :func:`salary_comparison_data`. Boxes span p25-p75, whiskers p10-p90,
    the black tick is the median.
    """
    if data.empty:
        return _empty("No salaries in scope.")
    sectors = sorted(data["sector_label"].unique(), key=lambda s: (s != default_sector, s))
    base = alt.Chart(_data(data))
    params = []
    if selector:
        industry = _dropdown("industry", "Industry: ", sectors, default_sector)
        base = base.transform_filter(alt.datum.sector_label == industry)
        params.append(industry)
    else:
        base = base.transform_filter(alt.datum.sector_label == default_sector)
    pick = alt.selection_point(fields=["series"], bind="legend", name="series_pick")
    params.append(pick)
    y = alt.Y("row:N", title=None, axis=alt.Axis(labelLimit=300))
    colour = alt.Color("series:N", title="source (click to highlight)",
                       scale=alt.Scale(range=OTHER_COLOURS),
                       legend=alt.Legend(orient="bottom", direction="vertical"))
    tooltip = [alt.Tooltip("role_label:N", title="role"), alt.Tooltip("sector_label:N", title="industry"),
               alt.Tooltip("series:N", title="source"), alt.Tooltip("n_label:N", title="n"),
               *_percentile_tooltips(), alt.Tooltip("source:N", title="data")]
    shown = base.transform_filter("!datum.suppressed")
    layers = _range_layers(shown, y=y, y_offset=alt.YOffset("series:N"), colour=colour, tooltip=tooltip,
                           legend_pick=pick)
    too_few = _too_few(base, y, "n", min_n, y_offset=alt.YOffset("series:N"))
    return alt.layer(*layers, too_few).add_params(*params).properties(
        width=560, title="Annual salary by role: postings beside OEWS (box p25-p75, whiskers p10-p90, tick median)")


def oews_by_state(frame: pd.DataFrame, *, occupations=None) -> alt.Chart:
    """OEWS wage ranges by US state for one occupation (chosen in a dropdown), sorted by median."""
    data = frame[frame["median"].notna()].copy()
    if data.empty:
        return _empty("No OEWS state wages loaded: run `careerlens ingest` on the BLS OEWS files.")
    data["occupation_label"] = data["soc_code"] + " " + data["occupation"].fillna("")
    options = list(occupations) if occupations else sorted(data["occupation_label"].unique())
    occupation = _dropdown("occupation", "Occupation: ", options, options[0])
    base = alt.Chart(_data(data)).transform_filter(alt.datum.occupation_label == occupation)
    pick = alt.selection_point(fields=["release"], bind="legend", name="release_pick")
    tooltip = [alt.Tooltip("area_name:N", title="state"), alt.Tooltip("occupation_label:N", title="occupation"),
               alt.Tooltip("employment:Q", title="employment", format=","), *_percentile_tooltips(),
               alt.Tooltip("release:N", title="OEWS release")]
    y = alt.Y("area_name:N", title=None, sort=alt.EncodingSortField("median", op="max", order="descending"))
    layers = _range_layers(base, y=y, y_offset=alt.YOffset("release:N"),
                           colour=alt.Color("release:N", title="OEWS release",
                                            scale=alt.Scale(range=["#54a24b", "#9ecae9"])),
                           tooltip=tooltip, legend_pick=pick)
    return alt.layer(*layers).add_params(occupation, pick).properties(
        width=520, title="OEWS annual wages by state (all industries)")


def survey_ranges(frame: pd.DataFrame, *, min_n: int, default_country: str = "US") -> alt.Chart:
    """Salary-survey ranges by role and experience level, for the country chosen in a dropdown."""
    data = frame.copy()
    if data.empty:
        return _empty("No salary-survey records loaded (e.g. `careerlens ingest salaries.csv` from ai-jobs.net).")
    data = data[data["experience_level"] != "all"]
    data["experience"] = data["experience_level"].map(lambda e: EXPERIENCE_LABELS.get(e, e))
    countries = sorted(data["country"].unique(), key=lambda c: (c != default_country, c != "all", c))
    country = _dropdown("country", "Employee country: ", countries, countries[0])
    base = alt.Chart(_data(data)).transform_filter(alt.datum.country == country)
    pick = alt.selection_point(fields=["experience"], bind="legend", name="experience_pick")
    order = [EXPERIENCE_LABELS[k] for k in ("EN", "MI", "SE", "EX")]
    colour = alt.Color("experience:N", title="experience (click to highlight)", sort=order,
                       scale=alt.Scale(scheme="viridis"), legend=alt.Legend(orient="bottom"))
    tooltip = [alt.Tooltip("role_label:N", title="role"), alt.Tooltip("experience:N"),
               alt.Tooltip("country:N"), alt.Tooltip("n:Q", title="n respondents"), *_percentile_tooltips(),
               alt.Tooltip("sources:N", title="source")]
    y = alt.Y("role_label:N", title=None)
    shown = base.transform_filter("!datum.suppressed")
    layers = _range_layers(shown, y=y, y_offset=alt.YOffset("experience:N", sort=order), colour=colour,
                           tooltip=tooltip, legend_pick=pick)
    too_few = _too_few(base, y, "n", min_n, what="respondents", y_offset=alt.YOffset("experience:N", sort=order))
    return alt.layer(*layers, too_few).add_params(
        country, pick).properties(width=560, title="Salary survey: annual salary (USD) by role and experience")


# -- premium -----------------------------------------------------------------------
def topic_premium(frame: pd.DataFrame, *, min_n: int) -> alt.Chart:
    """Median salary premium of asking for each topic, within a role chosen in a dropdown, with 95% CIs."""
    if frame.empty:
        return _empty("No postings with salaries and topics in scope.")
    default = "All roles (within-role average)"
    options = sorted(frame["role_label"].unique(), key=lambda r: (r != default, r))
    role = _dropdown("premium_role", "Role: ", options, options[0])
    base = alt.Chart(_data(frame)).transform_filter(alt.datum.role_label == role)
    y = alt.Y("topic_name:N", title=None, sort=alt.EncodingSortField("premium", op="max", order="descending"))
    tooltip = [alt.Tooltip("topic_name:N", title="topic"), alt.Tooltip("role_label:N", title="role"),
               alt.Tooltip("premium:Q", title="premium (median with - without)", format="$,.0f"),
               alt.Tooltip("ci_low:Q", title="95% CI low", format="$,.0f"),
               alt.Tooltip("ci_high:Q", title="95% CI high", format="$,.0f"),
               alt.Tooltip("median_with:Q", title="median, asking", format="$,.0f"),
               alt.Tooltip("median_without:Q", title="median, not asking", format="$,.0f"),
               alt.Tooltip("n_with:Q", title="n asking"), alt.Tooltip("n_without:Q", title="n not asking"),
               alt.Tooltip("n_roles:Q", title="roles averaged")]
    shown = base.transform_filter("!datum.suppressed")
    x = alt.X("premium:Q", title="median salary premium (USD a year)", axis=alt.Axis(format="$.3~s"))
    zero = alt.Chart(alt.Data(values=[{"zero": 0}])).mark_rule(color="#888", strokeDash=[4, 3]).encode(x="zero:Q")
    rule = shown.mark_rule(color="#222").encode(y=y, x="ci_low:Q", x2="ci_high:Q", tooltip=tooltip)
    point = shown.mark_point(filled=True, size=70).encode(
        y=y, x=x, tooltip=tooltip,
        color=alt.condition("datum.ci_low > 0 || datum.ci_high < 0", alt.value("#e45756"), alt.value(NEUTRAL_MARK)))
    too_few = base.transform_filter(alt.datum.suppressed).transform_calculate(
        n_min="min(datum.n_with, datum.n_without)")
    return alt.layer(zero, rule, point, _too_few(too_few, y, "n_min", min_n)).add_params(role).properties(
        width=520, title="Salary premium of asking for a topic, within the same role (red: 95% CI excludes 0)")


# -- curriculum --------------------------------------------------------------------
def demand_views(frame: pd.DataFrame, *, min_n: int) -> alt.Chart:
    """Explicit and implicit demand side by side: per topic, both shares of postings with their 95% intervals.

    ``frame`` is :func:`figures.topic_demand`'s output; its ``dimension == 'all'`` rows are drawn.
    """
    data = frame[frame["dimension"] == "all"]
    if data.empty:
        return _empty("No labelled postings in scope.")
    views = []
    for measure, suffix in (("explicit (names the topic)", ""), ("implicit (or a topic requiring it)", "_implicit")):
        views.append(pd.DataFrame({
            "topic_name": data["topic_name"], "measure": measure, "share": data[f"share{suffix}"],
            "ci_low": data[f"ci_low{suffix}"], "ci_high": data[f"ci_high{suffix}"],
            "n_asking": data[f"n_asking{suffix}"], "n_postings": data["n_postings"],
            "suppressed": data["suppressed"]}))
    long = pd.concat(views, ignore_index=True)
    order = data.sort_values("share_implicit", ascending=False)["topic_name"].tolist()
    y = alt.Y("topic_name:N", title=None, sort=order)
    offset = alt.YOffset("measure:N", sort=[views[0]["measure"].iloc[0], views[1]["measure"].iloc[0]])
    tooltip = [alt.Tooltip("topic_name:N", title="topic"), alt.Tooltip("measure:N"),
               alt.Tooltip("share:Q", format=".1%"), alt.Tooltip("ci_low:Q", title="95% CI low", format=".1%"),
               alt.Tooltip("ci_high:Q", title="95% CI high", format=".1%"),
               alt.Tooltip("n_asking:Q", title="postings counted"), alt.Tooltip("n_postings:Q", title="n postings")]
    base = alt.Chart(_data(long))
    shown = base.transform_filter("!datum.suppressed")
    colour = alt.Color("measure:N", title="demand", scale=alt.Scale(range=[DEMAND_COLOURS["explicit"],
                                                                       DEMAND_COLOURS["implicit"]]),
                       legend=alt.Legend(orient="bottom", labelLimit=300))
    bars = shown.mark_bar().encode(y=y, yOffset=offset, color=colour, tooltip=tooltip,
                                   x=alt.X("share:Q", title="share of postings", axis=alt.Axis(format="%")))
    rule = shown.mark_rule(color="#222").encode(y=y, yOffset=offset, x="ci_low:Q", x2="ci_high:Q", tooltip=tooltip)
    return alt.layer(bars, rule, _too_few(base, y, "n_postings", min_n, y_offset=offset)).properties(
        width=520, title="Explicit and implicit demand, by topic")


def alignment_bars(frame: pd.DataFrame, implicit: pd.DataFrame | None = None) -> alt.Chart:
    """Each topic's share of demand beside its share of teaching time; click the legend to highlight one.

    With ``implicit`` (the same table computed on implicit demand) both shares of demand are drawn.
    """
    frames = [frame] if implicit is None else [frame, implicit]
    ids = ["topic_name", "n_postings", "n_asking", "share", "gap", "status"]
    long = pd.concat([f.melt(id_vars=ids, value_vars=["demand_weight"], var_name="measure", value_name="value")
                      .assign(measure="share of demand" if implicit is None else
                              f"share of demand ({f['measure'].iloc[0] if 'measure' in f and len(f) else 'explicit'})")
                      for f in frames]
                     + [frame.melt(id_vars=ids, value_vars=["weight"], var_name="measure", value_name="value")
                        .assign(measure="share of teaching time")], ignore_index=True)
    measures = list(dict.fromkeys(long["measure"]))
    pick = alt.selection_point(fields=["measure"], bind="legend", name="measure_pick")
    y = alt.Y("topic_name:N", title=None, sort=alt.EncodingSortField("gap", op="max", order="descending"))
    tooltip = [alt.Tooltip("topic_name:N", title="topic"), alt.Tooltip("measure:N"),
               alt.Tooltip("value:Q", format=".1%"), alt.Tooltip("share:Q", title="postings asking", format=".1%"),
               alt.Tooltip("n_asking:Q", title="n asking"), alt.Tooltip("n_postings:Q", title="n postings"),
               alt.Tooltip("status:N")]
    colours = ([DEMAND_COLOURS["explicit"], DEMAND_COLOURS["implicit"], TEACHING_COLOUR] if implicit is not None
               else [DEMAND_COLOURS["explicit"], TEACHING_COLOUR])
    return alt.Chart(_data(long)).mark_bar().encode(
        y=y, yOffset=alt.YOffset("measure:N", sort=measures),
        x=alt.X("value:Q", title="share", axis=alt.Axis(format="%")),
        color=alt.Color("measure:N", title="(click to highlight)", sort=measures,
                        scale=alt.Scale(domain=measures, range=colours), legend=alt.Legend(orient="bottom")),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.2)), tooltip=tooltip,
    ).add_params(pick).properties(width=480, title="Share of demand vs share of teaching time, by topic")


def alignment_gaps(frame: pd.DataFrame, title: str = "Gaps (right) and surpluses (left)") -> alt.Chart:
    """Demand share minus teaching share per topic: right of zero is under-taught, left is over-taught."""
    if frame.empty or frame["gap"].isna().all():
        return _empty("Too few target-role postings to compare demand with teaching time.")
    y = alt.Y("topic_name:N", title=None, sort=alt.EncodingSortField("gap", op="max", order="descending"))
    tooltip = [alt.Tooltip("topic_name:N", title="topic"), alt.Tooltip("gap_pp:Q", title="gap (pp)", format="+.1f"),
               alt.Tooltip("demand_weight:Q", title="share of demand", format=".1%"),
               alt.Tooltip("weight:Q", title="share of teaching", format=".1%"),
               alt.Tooltip("n_postings:Q", title="n postings"), alt.Tooltip("status:N")]
    # Gaps are differences of two shares: percentage points, written "pp", never "%".
    return alt.Chart(_data(frame)).transform_calculate(gap_pp="datum.gap * 100").mark_bar().encode(
        y=y, x=alt.X("gap:Q", title="share of demand minus share of teaching time (percentage points)",
                     axis=alt.Axis(labelExpr="format(datum.value * 100, '+.0f') + ' pp'")),
        color=alt.Color("status:N", scale=alt.Scale(
            domain=["under-taught (gap)", "in balance", "over-taught (surplus)", "not enough postings"],
            range=["#e45756", "#bbbbbb", "#b279a2", "#eeeeee"]), legend=alt.Legend(orient="bottom")),
        tooltip=tooltip,
    ).properties(width=480, title=title)


def uncovered_terms(frame: pd.DataFrame, kind: str, title: str) -> alt.Chart:
    """The most frequent skills or phrases that no curriculum topic covers, by share of postings."""
    data = frame[frame["kind"] == kind]
    if data.empty:
        return _empty(f"None found ({kind}).")
    y = alt.Y("term:N", title=None, sort=alt.EncodingSortField("n_postings", op="max", order="descending"))
    return alt.Chart(_data(data)).mark_bar(color=OTHER_COLOURS[0]).encode(
        y=y, x=alt.X("share:Q", title="share of postings", axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("term:N"), alt.Tooltip("share:Q", format=".1%"),
                 alt.Tooltip("n_postings:Q", title="postings using it"),
                 alt.Tooltip("n_scope:Q", title="n postings read")],
    ).properties(width=420, title=title)


# -- O*NET -------------------------------------------------------------------------
def onet_heatmap(frame: pd.DataFrame, *, areas, roles) -> alt.Chart:
    """Role x O*NET knowledge area: importance (1-5) as colour and number; level (0-7) in the tooltip.

    ``frame`` is :func:`figures.onet_knowledge_by_role`; only ``areas`` and ``roles`` are drawn.
    """
    data = frame[frame["element_name"].isin(list(areas)) & frame["role"].isin(list(roles))]
    if data.empty:
        return _empty("No O*NET Knowledge ratings for these roles' SOC codes.")
    data = data.assign(row=data["role_label"] + " (" + data["soc_code"] + ")")
    x = alt.X("element_name:N", title=None, sort=list(areas), axis=alt.Axis(labelAngle=-30, labelLimit=200))
    y = alt.Y("row:N", title=None, axis=alt.Axis(labelLimit=300))
    tooltip = [alt.Tooltip("role_label:N", title="role"), alt.Tooltip("soc_code:N", title="SOC"),
               alt.Tooltip("element_name:N", title="knowledge area"),
               alt.Tooltip("importance:Q", title="importance (1-5)", format=".2f"),
               alt.Tooltip("level:Q", title="level (0-7)", format=".2f"),
               alt.Tooltip("occupations:N", title="O*NET occupations averaged"),
               alt.Tooltip("release:N", title="O*NET release")]
    base = alt.Chart(_data(data)).encode(x=x, y=y)
    cells = base.mark_rect().encode(color=alt.Color("importance:Q", title="importance (1-5)",
                                                    scale=alt.Scale(domain=[1, 5], scheme="blues")), tooltip=tooltip)
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text("importance:Q", format=".1f"), tooltip=tooltip,
        color=alt.condition("datum.importance > 3.6", alt.value("white"), alt.value("#222")))
    return alt.layer(cells, text).properties(
        width=alt.Step(90), height=alt.Step(24),
        title="O*NET knowledge importance by role (survey of workers; 1 = not important, 5 = extremely)")


#: Colours of a claim's evidence groups (wages) and verdict-free measures.
CLAIM_GROUPS = ["national", "sector", "industry", "state", "postings", "period", "role postings",
                "sector employment"]


def claim_evidence(frame: pd.DataFrame, *, measure: str, targets=(), title: str = "") -> alt.Chart:
    """One claim's evidence: wages by group (median points, 90th-percentile ticks), shares or employment as bars.

    ``frame`` is a :class:`careerlens.claims.ClaimCheck`'s evidence (group, name, value, p90, n, note,
    counted); ``targets`` are (label, value) reference lines, the claim's own figures ($100,000, 30%).
    Cells left out of the verdict (not released, too small) are drawn grey.
    """
    rows = _data(frame[frame["value"].notna()].assign(
        used=lambda f: f["counted"].map({True: "counted", False: "left out"})))
    if rows.empty:
        return _empty("No figures to draw")
    axis = {"wage": alt.Axis(format=USD, title="USD a year"), "share": alt.Axis(format="%", title="share of postings"),
            "employment": None}[measure]
    tooltip = [alt.Tooltip("group:N"), alt.Tooltip("name:N"),
               alt.Tooltip("value:Q", format={"wage": USD, "share": ".1%"}.get(measure, ",.0f")),
               alt.Tooltip("n:Q", format=",.0f"), alt.Tooltip("note:N"), alt.Tooltip("used:N")]
    base = alt.Chart(rows)
    y = alt.Y("group:N", sort=CLAIM_GROUPS, title=None) if measure == "wage" else alt.Y("name:N", sort=None, title=None)
    colour = alt.Color("used:N", scale=alt.Scale(domain=["counted", "left out"], range=["#1f77b4", SUPPRESSED_COLOUR]),
                       title=None)
    if measure == "wage":
        layers = [base.mark_tick(color="#ff7f0e", thickness=1, size=10).encode(
                      x=alt.X("p90:Q", axis=axis), y=y, tooltip=tooltip + [alt.Tooltip("p90:Q", format=USD)]),
                  base.mark_circle(size=40, opacity=0.7).encode(x=alt.X("value:Q", axis=axis), y=y, color=colour,
                                                                tooltip=tooltip)]
    elif measure == "employment":      # postings and employment differ by orders of magnitude: a scale each
        return alt.vconcat(*[
            alt.Chart(rows[rows["group"] == group]).mark_bar().encode(
                x=alt.X("value:Q", axis=alt.Axis(format=",.0f", title=label)), y=y, color=colour, tooltip=tooltip)
            .properties(width=560) for group, label in (("role postings", "postings mapped to the role"),
                                                        ("sector employment", "employed in the sector (OEWS)"))
            if (rows["group"] == group).any()]).properties(title=title)
    else:
        layers = [base.mark_bar().encode(x=alt.X("value:Q", axis=axis), y=y, color=colour, tooltip=tooltip)]
    if targets:
        lines = pd.DataFrame([{"label": label, "value": value} for label, value in targets])
        layers.append(alt.Chart(lines).mark_rule(color="#d62728", strokeDash=[4, 3]).encode(
            x="value:Q", tooltip=[alt.Tooltip("label:N", title="claimed"),
                                  alt.Tooltip("value:Q", format=USD if measure == "wage" else ".0%")]))
    return alt.layer(*layers).properties(title=title, width=560)
