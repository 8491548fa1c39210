"""Report charts, checked on their Vega-Lite specs, and the pages' escaping of text from data."""

import html.parser
import json

import numpy as np
import pandas as pd
import pytest

from careerlens.report import charts
from careerlens.report.blocks import Chart, Html, Table, script_json
from careerlens.report.render import render_page

HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'


def demand_frame(min_n=30):
    rows = []
    for dimension, value, label, n in (("all", "all", "all", 200), ("role", "data_scientist", "Data scientist", 150),
                                       ("role", "actuary", "Actuary", 12), ("naics_sector", "52", "52 Finance", 90),
                                       ("month", "2024-01", "2024-01", 40)):
        for topic, share in (("SQL", 0.6), ("Python", 0.3)):
            k = round(share * n)
            k_implicit = min(n, k + 10)
            rows.append({"dimension": dimension, "value": value, "value_label": label, "topic_id": topic.lower(),
                         "topic_name": topic, "n_postings": n, "n_asking": k, "share": k / n,
                         "ci_low": k / n - 0.05, "ci_high": k / n + 0.05, "n_asking_implicit": k_implicit,
                         "share_implicit": k_implicit / n, "ci_low_implicit": k_implicit / n - 0.05,
                         "ci_high_implicit": k_implicit / n + 0.05, "suppressed": n < min_n})
    frame = pd.DataFrame(rows)
    frame.loc[frame["suppressed"], ["share", "ci_low", "ci_high", "share_implicit", "ci_low_implicit",
                                    "ci_high_implicit"]] = np.nan
    return frame


def layers(spec):
    return spec.get("layer", [spec])


def dataset(spec):
    """The rows a chart draws (Altair keeps a DataFrame under 'datasets', small literals inline)."""
    if "datasets" not in spec:
        return spec["data"]["values"]
    (values,) = spec["datasets"].values()
    return values


def tooltip_fields(layer):
    return {t["field"] for t in layer["encoding"].get("tooltip", [])}


def test_demand_bars_show_the_interval_and_n_and_keep_suppressed_cells_out():
    spec = charts.demand_bars(demand_frame(), min_n=30).to_dict()
    bars, rule, note = layers(spec)
    assert bars["mark"]["type"] == "bar" and rule["mark"]["type"] == "rule"
    assert (rule["encoding"]["x"]["field"], rule["encoding"]["x2"]["field"]) == ("ci_low", "ci_high")
    assert {"n_postings", "n_asking", "ci_low", "ci_high"} <= tooltip_fields(bars)
    assert bars["transform"] == [{"filter": "!datum.suppressed"}]
    assert note["mark"]["type"] == "text" and "too few postings" in note["transform"][1]["calculate"]
    assert bars["encoding"]["x"]["axis"]["format"] == "%"
    assert [row["topic_name"] for row in dataset(spec)] == ["SQL", "Python"]   # only the 'all' rows


def test_heatmap_draws_suppressed_cells_grey_without_a_number():
    spec = charts.demand_heatmap(demand_frame(), min_n=30).to_dict()
    cells, labels, too_few, marks = layers(spec)
    assert cells["encoding"]["color"]["scale"]["domain"] == [0, 1]
    assert cells["transform"] == [{"filter": "!datum.suppressed"}]
    assert too_few["mark"]["fill"] == "#eeeeee" and marks["mark"]["text"] == "n<30"
    rows = dataset(spec)
    actuary = [r for r in rows if r["value"] == "actuary"]
    assert actuary and all(r["suppressed"] and r["share"] is None for r in actuary)
    assert {r["row"] for r in rows} == {"Data scientist (n=150)", "Actuary (n=12)"}
    # Roles by number of postings, topics by overall demand.
    assert cells["encoding"]["y"]["sort"] == ["Data scientist (n=150)", "Actuary (n=12)"]
    assert cells["encoding"]["x"]["sort"] == ["SQL", "Python"]


def test_demand_by_sector_has_topic_and_demand_dropdowns_and_a_title_naming_the_choice():
    spec = charts.demand_by(demand_frame(), "naics_sector", min_n=30, title=", by industry",
                            topics=["Python", "SQL"]).to_dict()
    topic, measure = spec["params"]
    assert topic["bind"] == {"input": "select", "options": ["Python", "SQL"], "name": "Topic: "}
    assert topic["value"] == "Python" and measure["bind"]["options"] == ["explicit", "implicit"]
    assert {"filter": f"((datum.topic_name === {topic['name']}) && (datum.measure === {measure['name']}))"} in \
        layers(spec)[0]["transform"]
    assert topic["name"] in spec["title"]["text"]["expr"] and measure["name"] in spec["title"]["text"]["expr"]
    python = {r["measure"]: r for r in dataset(spec) if r["topic_name"] == "Python"}
    assert (python["explicit"]["n_asking"], python["implicit"]["n_asking"]) == (27, 37)      # 30% of 90, +10
    assert layers(spec)[0]["encoding"]["color"]["scale"]["range"] == [charts.DEMAND_COLOURS["explicit"],
                                                                      charts.DEMAND_COLOURS["implicit"]]


def month_source_frame():
    """Two months of 2020 from one source, one of 2024 from another, and a 2022 month below the minimum n:
    nothing in between, as on the real corpora."""
    rows = []
    for month, source, n in (("2020-01", "linkedin", 60), ("2020-02", "linkedin", 45), ("2022-06", "indeed", 5),
                             ("2024-03", "greenhouse", 80)):
        k = n // 2
        rows.append({"dimension": "month", "value": month, "source": source, "topic_id": "sql", "topic_name": "SQL",
                     "n_postings": n, "n_asking": k, "share": k / n, "ci_low": k / n - 0.1, "ci_high": k / n + 0.1,
                     "n_asking_implicit": k, "share_implicit": k / n, "ci_low_implicit": k / n - 0.1,
                     "ci_high_implicit": k / n + 0.1, "suppressed": n < 30})
    return pd.DataFrame(rows)


def test_a_month_series_with_gaps_draws_points_per_source_and_no_connecting_line():
    spec = charts.demand_over_time(month_source_frame(), "month", min_n=30, topics=["SQL"],
                                   title=", by month posted and source").to_dict()
    marks = [layer["mark"]["type"] for layer in layers(spec)]
    assert marks == ["rule", "point"] and "line" not in json.dumps(marks) and "area" not in marks
    point = layers(spec)[1]
    assert point["encoding"]["color"]["field"] == "source" and point["encoding"]["x"]["timeUnit"] == "utcyearmonth"
    assert {"filter": "!datum.suppressed"} in point["transform"]
    assert "'Share of postings asking for ' + topic_month" in spec["title"]["text"]["expr"]
    explicit = [r for r in dataset(spec) if r["measure"] == "explicit"]
    assert sorted((r["value"], r["source"]) for r in explicit if not r["suppressed"]) == [
        ("2020-01", "linkedin"), ("2020-02", "linkedin"), ("2024-03", "greenhouse")]


def salary_frames():
    postings = pd.DataFrame([
        {"role": r, "role_label": label, "naics_sector": "all", "sector_label": "All industries", "salary_kind": kind,
         "n": n, "p10": 60e3, "p25": 70e3, "median": 80e3, "p75": 90e3, "p90": 100e3, "sources": "glassdoor",
         "suppressed": n < 30}
        for r, label in (("data_scientist", "Data scientist"), ("data_analyst", "Data analyst"))
        for kind, n in (("estimate", 120), ("employer", 4), ("all", 124))])
    postings.loc[postings["suppressed"], ["p10", "p25", "median", "p75", "p90"]] = np.nan
    oews = pd.DataFrame([{"release": "May 2025", "soc_code": "15-2051", "occupation": "Data Scientists",
                          "naics_sector": "all", "sector_label": "All industries", "employment": 245_900.0,
                          "p10": 67_240, "p25": 85_660, "median": 120_230, "p75": 158_880, "p90": 199_130}])
    role_soc = pd.DataFrame({"role": ["data_scientist", "data_analyst"], "soc_code": ["15-2051", "15-2051"],
                             "role_label": ["Data scientist", "Data analyst"]})
    return postings, oews, role_soc


def test_salary_comparison_puts_oews_beside_every_role_of_its_soc_code():
    data = charts.salary_comparison_data(*salary_frames())
    oews = data[data["series"].str.startswith("OEWS")]
    assert sorted(oews["role"]) == ["data_analyst", "data_scientist"]
    assert set(oews["median"]) == {120_230} and set(oews["n_label"]) == {"245,900 employed"}
    assert set(data["series"]) == {"Postings: site estimate", "Postings: employer-stated range",
                                   "OEWS (BLS) wages, May 2025"}                 # 'all' kinds are not drawn twice
    assert "Data scientist (SOC 15-2051)" in set(data["row"])


def test_salary_ranges_have_an_industry_dropdown_legend_selection_and_n_in_tooltips():
    spec = charts.salary_ranges(charts.salary_comparison_data(*salary_frames()), min_n=30).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert params["industry"]["bind"]["input"] == "select" and params["industry"]["value"] == "All industries"
    assert params["series_pick"]["bind"] == "legend"
    whisker, box, median, note = layers(spec)
    assert (whisker["encoding"]["x"]["field"], whisker["encoding"]["x2"]["field"]) == ("p10", "p90")
    assert (box["encoding"]["x"]["field"], box["encoding"]["x2"]["field"]) == ("p25", "p75")
    assert median["encoding"]["x"]["field"] == "median"
    assert {"n_label", "source", "p10", "median", "p90"} <= tooltip_fields(box)
    assert box["encoding"]["yOffset"]["field"] == "series"
    assert "too few postings" in note["transform"][-1]["calculate"]


def test_without_selector_the_salary_chart_shows_one_industry():
    spec = charts.salary_ranges(charts.salary_comparison_data(*salary_frames()), min_n=30, selector=False).to_dict()
    assert [p["name"] for p in spec["params"]] == ["series_pick"]
    assert {"filter": "(datum.sector_label === 'All industries')"} in spec["layer"][0]["transform"]


def test_premium_chart_opens_on_the_within_role_average_and_flags_clear_effects():
    frame = pd.DataFrame([
        {"topic_name": "SQL", "role_label": label, "premium": p, "ci_low": lo, "ci_high": hi, "median_with": 1.0,
         "median_without": 1.0, "n_with": nw, "n_without": 50, "n_roles": 1, "suppressed": np.isnan(p)}
        for label, p, lo, hi, nw in (("All roles (within-role average)", 5000, 1000, 9000, 80),
                                     ("Data scientist", 6000, -100, 12000, 50), ("Actuary", np.nan, np.nan, np.nan, 3))])
    spec = charts.topic_premium(frame, min_n=30).to_dict()
    (role,) = spec["params"]
    assert role["value"] == "All roles (within-role average)" and role["bind"]["options"][0] == role["value"]
    zero, rule, point, note = layers(spec)
    assert point["encoding"]["color"]["condition"]["test"] == "datum.ci_low > 0 || datum.ci_high < 0"
    assert {"n_with", "n_without", "median_with", "median_without"} <= tooltip_fields(point)
    assert "min(datum.n_with, datum.n_without)" in json.dumps(note["transform"])


def test_alignment_charts_compare_demand_with_teaching_time():
    frame = pd.DataFrame({"topic_name": ["SQL", "Calculus"], "n_postings": [100, 100], "n_asking": [60, 1],
                          "share": [0.6, 0.01], "demand_weight": [0.98, 0.02], "weight": [0.5, 0.5],
                          "gap": [0.48, -0.48], "status": ["under-taught (gap)", "over-taught (surplus)"]})
    bars = charts.alignment_bars(frame).to_dict()
    assert {r["measure"] for r in dataset(bars)} == {"share of demand", "share of teaching time"}
    assert bars["params"][0]["bind"] == "legend"
    gaps = charts.alignment_gaps(frame).to_dict()
    assert gaps["encoding"]["x"]["field"] == "gap"
    assert gaps["encoding"]["color"]["scale"]["domain"][0] == "under-taught (gap)"


@pytest.mark.parametrize("make", [
    lambda: charts.demand_bars(demand_frame().iloc[0:0], min_n=30),
    lambda: charts.salary_ranges(pd.DataFrame(), min_n=30),
    lambda: charts.survey_ranges(pd.DataFrame(), min_n=30),
])
def test_empty_data_gives_a_message_not_a_broken_chart(make):
    spec = make().to_dict()
    assert spec["mark"]["type"] == "text" and dataset(spec)[0]["message"]


def test_text_from_data_stays_text_in_the_spec():
    frame = demand_frame()
    frame.loc[frame["value"] == "data_scientist", "value_label"] = HOSTILE
    spec = charts.demand_heatmap(frame, min_n=30).to_dict()
    assert any(r["value_label"] == HOSTILE for r in dataset(spec))


# -- pages ---------------------------------------------------------------------------
def test_script_json_cannot_close_the_script_element():
    text = script_json({"title": HOSTILE, "line": "a\u2028b"})
    assert "</" not in text and "<" not in text and "\u2028" not in text
    assert json.loads(text) == {"title": HOSTILE, "line": "a\u2028b"}


class ElementCounter(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)


def render(blocks, title="Demand"):
    return render_page(file_name="demand.html", title=title, programme=HOSTILE, blocks=blocks, notice=None,
                       bundle="/* vega */", generated="today")


def test_a_hostile_posting_cannot_inject_markup_or_script_into_a_page():
    frame = pd.DataFrame({"company": [HOSTILE], "n": [3]})
    spec = charts.demand_heatmap(demand_frame().assign(value_label=HOSTILE), min_n=30).to_dict()
    page = render([Table(frame), Chart("c", spec, "caption"), Html("<p>ours</p>")])
    safe = render([Table(frame.assign(company="Acme")), Chart("c", charts.demand_heatmap(demand_frame(), min_n=30)
                                                              .to_dict(), "caption"), Html("<p>ours</p>")])
    hostile, clean = ElementCounter(), ElementCounter()
    hostile.feed(page)
    clean.feed(safe)
    assert hostile.tags == clean.tags                       # no element was added by the data
    assert "onerror" not in hostile.attributes
    assert "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)" in page
    start = page.index('id="spec-c">') + len('id="spec-c">')
    embedded = json.loads(page[start:page.index("</script>", start)])
    assert any(r["value_label"] == HOSTILE for r in dataset(embedded))


def test_pages_load_nothing_from_the_network():
    page = render([Chart("c", charts.demand_bars(demand_frame(), min_n=30).to_dict(), "caption")])
    assert "connect-src 'none'" in page and "default-src 'none'" in page
    for marker in ('src="http', "src='http", 'href="http', "@import", "<link"):
        assert marker not in page


def test_demand_views_draw_explicit_and_implicit_side_by_side():
    frame = demand_frame()
    frame["n_asking_implicit"] = frame["n_asking"] + 10
    frame["share_implicit"] = frame["share"] + 0.05
    frame["ci_low_implicit"], frame["ci_high_implicit"] = frame["ci_low"] + 0.05, frame["ci_high"] + 0.05
    spec = charts.demand_views(frame, min_n=30).to_dict()
    rows = dataset(spec)
    assert len(rows) == 4                                      # two topics x two measures, 'all' rows only
    by = {(r["topic_name"], r["measure"].split()[0]): r for r in rows}
    assert by[("SQL", "explicit")]["n_asking"] == 120 and by[("SQL", "implicit")]["n_asking"] == 130
    bars, rule, note = layers(spec)
    assert bars["encoding"]["yOffset"]["field"] == "measure"
    assert {"ci_low", "ci_high", "n_asking", "n_postings"} <= tooltip_fields(bars)


def test_alignment_bars_with_implicit_demand_name_both_measures():
    frame = pd.DataFrame({"topic_name": ["SQL", "Calculus"], "n_postings": [100, 100], "n_asking": [60, 1],
                          "share": [0.6, 0.01], "demand_weight": [0.98, 0.02], "weight": [0.5, 0.5],
                          "gap": [0.48, -0.48], "status": ["under-taught (gap)", "over-taught (surplus)"],
                          "measure": "explicit"})
    implicit = frame.assign(measure="implicit", demand_weight=[0.6, 0.4], gap=[0.1, -0.1])
    spec = charts.alignment_bars(frame, implicit).to_dict()
    assert {r["measure"] for r in dataset(spec)} == {"share of demand (explicit)", "share of demand (implicit)",
                                                     "share of teaching time"}


def test_onet_heatmap_shows_importance_for_the_chosen_areas_and_roles():
    frame = pd.DataFrame({"role": ["actuary", "actuary", "statistician"], "role_label": ["Actuary", "Actuary",
                                                                                        "Statistician"],
                          "soc_code": ["15-2011", "15-2011", "15-2041"],
                          "element_name": ["Mathematics", "Biology", "Mathematics"], "importance": [4.93, 1.5, 4.6],
                          "level": [6.36, 1.0, 6.0], "occupations": ["15-2011.00 Actuaries", "x", "y"],
                          "release": "29.3"})
    spec = charts.onet_heatmap(frame, areas=["Mathematics"], roles=["actuary"]).to_dict()
    assert [(r["role_label"], r["element_name"], r["importance"]) for r in dataset(spec)] == \
        [("Actuary", "Mathematics", 4.93)]
    cells, text = layers(spec)
    assert cells["encoding"]["color"]["scale"]["domain"] == [1, 5]
    assert {"level", "occupations", "release"} <= tooltip_fields(cells)


def test_claim_evidence_draws_medians_p90_and_the_claims_figures():
    evidence = pd.DataFrame({"group": ["national", "state", "industry"], "name": ["US", "Ohio", "Tiny"],
                             "value": [120_230.0, 99_000.0, 260_000.0], "p90": [199_130.0, 150_000.0, 300_000.0],
                             "n": [1e5, 3e3, 70.0], "note": ["", "", "fewer than 1,000 employed"],
                             "counted": [True, True, False]})
    spec = charts.to_spec(charts.claim_evidence(evidence, measure="wage", targets=(("low", 1e5), ("high", 2e5))))
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["tick", "circle", "rule"]
    rows = next(rows for rows in spec["datasets"].values() if len(rows) == 3)
    assert [r["used"] for r in rows] == ["counted", "counted", "left out"]
    rules = next(rows for rows in spec["datasets"].values() if len(rows) == 2)
    assert [r["value"] for r in rules] == [100_000, 200_000]


def test_claim_evidence_gives_postings_and_employment_a_scale_each():
    evidence = pd.DataFrame({"group": ["role postings", "sector employment"], "name": ["actuary", "actuary in 52"],
                             "value": [10.0, 46_730.0], "p90": [None, None], "n": [10, 46_730], "note": ["", ""],
                             "counted": [True, True]})
    spec = charts.to_spec(charts.claim_evidence(evidence, measure="employment"))
    assert [part["encoding"]["x"]["axis"]["title"] for part in spec["vconcat"]] == [
        "postings mapped to the role", "employed in the sector (OEWS)"]


def test_explicit_and_implicit_heatmaps_share_one_topic_order_and_keep_their_colours():
    order = ["Python", "SQL"]                  # the curriculum's order, not either map's most-asked-for first
    explicit = layers(charts.demand_heatmap(demand_frame(), min_n=30, topic_order=order).to_dict())[0]
    implicit = layers(charts.demand_heatmap(charts.implicit_view(demand_frame()), min_n=30, topic_order=order,
                                            measure="implicit").to_dict())[0]
    assert explicit["encoding"]["x"]["sort"] == implicit["encoding"]["x"]["sort"] == order
    assert (explicit["encoding"]["color"]["scale"]["scheme"], implicit["encoding"]["color"]["scale"]["scheme"]) == (
        "blues", "oranges")


def test_alignment_colours_mean_the_same_as_on_the_demand_charts_and_gaps_are_percentage_points():
    from careerlens.report.text import topic_list

    frame = pd.DataFrame({"topic_name": ["SQL", "Calculus"], "n_postings": 100, "n_asking": [60, 5],
                          "share": [0.6, 0.05], "gap": [0.239, -0.05], "status": ["under-taught (gap)",
                                                                                 "over-taught (surplus)"],
                          "demand_weight": [0.4, 0.05], "weight": [0.161, 0.1], "measure": "explicit"})
    bars = charts.alignment_bars(frame, frame.assign(measure="implicit")).to_dict()
    assert bars["encoding"]["color"]["scale"]["range"] == [charts.DEMAND_COLOURS["explicit"],
                                                           charts.DEMAND_COLOURS["implicit"], charts.TEACHING_COLOUR]
    gaps = charts.alignment_gaps(frame).to_dict()
    assert "' pp'" in gaps["encoding"]["x"]["axis"]["labelExpr"]
    assert charts.DEMAND_COLOURS["explicit"] not in gaps["encoding"]["color"]["scale"]["range"]
    assert topic_list(frame) == "SQL (+23.9 pp), Calculus (-5.0 pp)"


def test_salary_premium_and_uncovered_charts_leave_the_demand_and_teaching_colours_alone():
    """Blue, orange and green mean explicit demand, implicit demand and teaching time on every page; a chart of
    something else uses none of them."""
    reserved = {*charts.DEMAND_COLOURS.values(), charts.TEACHING_COLOUR}
    salaries = json.dumps(charts.salary_ranges(charts.salary_comparison_data(*salary_frames()), min_n=30).to_dict())
    premium = json.dumps(charts.topic_premium(pd.DataFrame([
        {"topic_name": "SQL", "role_label": "All roles (within-role average)", "premium": 10.0, "ci_low": -5.0,
         "ci_high": 20.0, "median_with": 1.0, "median_without": 1.0, "n_with": 40, "n_without": 40, "n_roles": 1,
         "suppressed": False}]), min_n=30).to_dict())
    uncovered = json.dumps(charts.uncovered_terms(pd.DataFrame(
        {"kind": ["phrase"], "term": ["power apps"], "share": [0.1], "n_postings": [12]}), "phrase", "t").to_dict())
    for spec in (salaries, premium, uncovered):
        assert not any(colour in spec for colour in reserved)
