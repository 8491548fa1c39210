"""The report pages in real headless Chromium: no console error, no network request, every chart drawn.

Needs Debian's ``chromium`` and ``pip install playwright`` (no ``playwright install``:
the system browser is used). Skips without them, except under CI (``CI`` set), where
a missing browser is a failure: the pages must have been checked.
"""

import os
import random
import shutil
from pathlib import Path

import pytest

from careerlens.report import build_report
from tests.test_report_figures import add_file, add_model, add_postings

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PAGES = ["index", "demand", "salaries", "premium", "curriculum", "claims", "method"]
#: Text a posting could carry; listed skills, file names and metadata are printed on the pages.
HOSTILE = "</script><script>window.pwned = 1</script><img src=x onerror='window.pwned = 2'>"


def chromium_path():
    for candidate in (os.environ.get("CAREERLENS_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def need(reason):
    if os.environ.get("CI"):
        pytest.fail(f"browser test cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("playwright is not installed (pip install playwright; the system chromium is used)")
    path = chromium_path()
    if path is None:
        need("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def made_up_rows():
    """400 made-up postings: four roles, three sectors, three states, six months (the same every call)."""
    rng = random.Random(4)
    roles = {"data_scientist": 130_000, "data_analyst": 80_000, "machine_learning_engineer": 150_000,
             "actuary": 110_000}
    rows = []
    for i in range(400):
        role = rng.choice(list(roles))
        topics = tuple(t for t, p in (("python", 0.7), ("sql", 0.5), ("statistics", 0.4), ("deep_learning", 0.2))
                       if rng.random() < p)
        rows.append({"posting_id": f"p{i}", "role": role, "naics_sector": rng.choice(["52", "54", "62"]),
                     "state": rng.choice(["CA", "NY", "TX"]), "posted_date": f"2024-{rng.randint(1, 6):02d}-10",
                     "salary": roles[role] + 15_000 * ("deep_learning" in topics) + rng.gauss(0, 10_000),
                     "kind": rng.choice(["employer", "estimate"]), "topics": topics,
                     "skills": [HOSTILE, "Kubernetes"],
                     "description": "Python and SQL work on Kubernetes clusters with stakeholder dashboards."})
    return rows


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A report over 400 made-up postings: four roles, three sectors, three states, six months."""
    import careerlens

    rows = made_up_rows()
    with careerlens.open_database(":memory:") as db:
        add_file(db, name=HOSTILE + ".csv")              # shown on the method page
        add_model(db, metadata={"note": HOSTILE})        # shown on the method page
        add_postings(db, rows)
        for soc, state, fips, median in (("15-2051", None, None, 120_230), ("15-2051", "California", "06", 141_590),
                                         ("15-2011", None, None, 125_000)):
            db.execute("INSERT INTO stored_oews_wages (release, area_type, area_code, area_name, industry_code, "
                       "naics_sector, soc_code, occupation, employment, annual_p10, annual_p25, annual_median, "
                       "annual_p75, annual_p90, file_id) VALUES ('May 2025', ?, ?, ?, '000000', NULL, ?, 'Occ', "
                       "1000, ?, ?, ?, ?, ?, 1)",
                       ["state" if state else "national", f"{fips}00000" if fips else "0000000", state, soc,
                        median * 0.6, median * 0.8, median, median * 1.2, median * 1.5])
        return build_report(db, out=tmp_path_factory.mktemp("out") / "reports", min_n=20)


def open_page(browser, path):
    page = browser.new_page()
    problems, requests = [], []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: problems.append(f"uncaught: {exc}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_function("[...document.querySelectorAll('div[data-spec]')].every(d => d.dataset.rendered)",
                           timeout=30_000)
    return page, problems, requests


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_offline_without_errors(browser, report, name):
    path = report.parent / f"{name}.html"
    page, problems, requests = open_page(browser, path)
    try:
        assert problems == []
        assert requests == [path.as_uri()]
        charts = page.query_selector_all("div[data-spec]")
        assert name == "method" or charts
        for chart in charts:
            assert chart.get_attribute("data-rendered") == "true", chart.get_attribute("id")
            marks = chart.eval_on_selector_all("svg g[class^='mark-'] > *", "nodes => nodes.length")
            assert marks > 0, f"{chart.get_attribute('id')} drew nothing"
        assert page.evaluate("window.pwned") is None
        if name == "method":                       # the file name, shown as text
            assert HOSTILE + ".csv" in page.inner_text("body")
        if name == "curriculum":                   # the listed skill, drawn as an axis label
            assert any("window.pwned = 1" in label for label in drawn_text(page, "chart-uncovered-listed"))
    finally:
        page.close()


def drawn_text(page, chart_id):
    return page.eval_on_selector_all(f"#{chart_id} svg text", "nodes => nodes.map(n => n.textContent)")


def drawn(page, chart_id):
    """The labels of the marks a chart drew (Vega writes one aria-label per mark)."""
    return page.eval_on_selector_all(f"#{chart_id} svg [aria-roledescription]",
                                     "nodes => nodes.map(n => n.getAttribute('aria-label')).filter(Boolean)")


@pytest.mark.parametrize("page_name, chart_id, select", [
    ("demand", "chart-sector", "select[name='topic_naics_sector']"),
    ("salaries", "chart-role-industry", "select[name='industry']"),
])
def test_a_dropdown_changes_what_the_chart_draws(browser, report, page_name, chart_id, select):
    page, problems, _ = open_page(browser, report.parent / f"{page_name}.html")
    try:
        before = drawn(page, chart_id)
        options = page.eval_on_selector(select, "s => [...s.options].map(o => o.value)")
        page.select_option(select, options[1])
        page.wait_for_function(
            "([id, before]) => JSON.stringify([...document.querySelectorAll('#' + id + ' svg [aria-roledescription]')]"
            ".map(n => n.getAttribute('aria-label')).filter(Boolean)) !== before",
            arg=[chart_id, __import__("json").dumps(before)], timeout=10_000)
        after = drawn(page, chart_id)
        assert after and after != before
        assert problems == []
    finally:
        page.close()


def test_curriculum_page_shows_explicit_and_implicit_demand_and_onet_side_by_side(browser, report):
    """Deep learning (20% of the made-up postings) requires linear algebra, so linear algebra is asked for implicitly."""
    page, problems, _ = open_page(browser, report.parent / "curriculum.html")
    try:
        text = page.inner_text("main")
        assert "alignment score, explicit demand" in text and "alignment score, implicit demand" in text
        for measure in ("explicit", "implicit"):
            assert f"Under-taught by {measure} demand:" in text and f"Over-taught by {measure} demand:" in text
        bars = drawn(page, "chart-demand-views")
        linear_algebra = [b for b in bars if "Linear algebra" in b]
        explicit = [b for b in linear_algebra if "explicit" in b]
        implicit = [b for b in linear_algebra if "implicit" in b]
        assert explicit and implicit
        assert any("postings counted: 0" in b for b in explicit)            # no posting names linear algebra
        assert not any("postings counted: 0" in b for b in implicit)        # but deep learning requires it
        cells = drawn(page, "chart-onet")
        assert any("Mathematics" in c and "Actuary" in c for c in cells)    # 15-2011 Actuaries, bundled O*NET 29.3
        assert "O*NET 29.3" in text and "CC BY 4.0" in text and "no Skills file" in text
        assert "Deep learning -> Linear algebra" in text                     # an evidence path, by topic name
        assert "deep_learning" not in text
        assert problems == []
    finally:
        page.close()


def test_claims_page_shows_each_claim_its_evidence_chart_and_verdict(browser, report):
    """The default curriculum's three claims on the made-up store: OEWS has only a national and a California
    median for 15-2051, and every posting is dated 2024, so the trend claim cannot be checked."""
    page, problems, _ = open_page(browser, report.parent / "claims.html")
    try:
        verdicts = page.eval_on_selector_all("h2 .verdict", "nodes => nodes.map(n => n.textContent)")
        assert verdicts == ["partly supported", "partly supported", "cannot be checked"]
        text = " ".join(page.inner_text("main").split())
        assert "Data scientists with expertise in machine learning can expect to earn competitive salaries" in text
        assert ("no industry or state median reaches $200,000; the highest is $141,590 in California" in text)
        assert "too few postings dated in 2025 (0): fewer than 20" in text
        points = drawn(page, "chart-claim-1")
        assert any("California" in p for p in points) and any("United States" in p for p in points)
        assert drawn(page, "chart-claim-2") and problems == []
    finally:
        page.close()
    overview, problems, _ = open_page(browser, report.parent / "index.html")
    try:
        lines = overview.eval_on_selector_all("ul.claims li", "nodes => nodes.map(n => n.textContent)")
        assert [line.split(" ", 2)[:2] for line in lines] == [["partly", "supported"], ["partly", "supported"],
                                                              ["cannot", "be"]]
        assert overview.eval_on_selector_all("nav a", "nodes => nodes.map(n => n.textContent)").count("Claims") == 1
        assert problems == []
    finally:
        overview.close()


def test_method_page_defines_both_demands(browser, report):
    page, problems, _ = open_page(browser, report.parent / "method.html")
    try:
        terms = page.eval_on_selector_all("dt", "nodes => nodes.map(n => n.textContent)")
        assert {"Demand share (explicit demand)", "Implicit demand", "Evidence path", "O*NET knowledge rating"} <= \
            set(terms)
        assert problems == []
    finally:
        page.close()


@pytest.fixture(scope="module")
def empty_report(tmp_path_factory):
    """A report whose every figure found nothing (as a filter matching no labelled posting would give)."""
    import careerlens
    from careerlens.report import collect
    from careerlens.report.build import write_report
    from tests.test_report_filters import emptied

    with careerlens.open_database(":memory:") as db:
        add_file(db)
        add_model(db)
        add_postings(db, [{"posting_id": f"p{i}", "role": "data_scientist", "topics": ("sql",)} for i in range(3)])
        data = emptied(collect(db, min_n=1))
    return write_report(data, tmp_path_factory.mktemp("empty") / "reports")


@pytest.mark.parametrize("name", PAGES)
def test_a_page_with_no_data_renders_every_chart_without_errors(browser, empty_report, name):
    page, problems, _ = open_page(browser, empty_report.parent / f"{name}.html")
    try:
        assert problems == []
        for chart in page.query_selector_all("div[data-spec]"):
            assert chart.get_attribute("data-rendered") == "true", chart.get_attribute("id")
    finally:
        page.close()


def test_the_decision_table_shows_the_chosen_role_groups_hours(browser, report):
    """Data scientists and ML engineers: SQL's hours at demand recomputed from the made-up postings by hand."""
    import pandas as pd

    from careerlens.curriculum import load_curriculum
    from careerlens.report.figures import curriculum_weights

    rows = [r for r in made_up_rows() if r["role"] in ("data_scientist", "machine_learning_engineer")]
    shares = {t: sum(t in r["topics"] for r in rows) / len(rows) for t in ("python", "sql", "statistics",
                                                                           "deep_learning")}
    total = curriculum_weights(load_curriculum())["size"].sum()
    sql_hours = round(shares["sql"] / sum(shares.values()) * total)
    page, problems, requests = open_page(browser, report.parent / "curriculum.html")
    try:
        def shown():
            return page.eval_on_selector_all(
                "div.decision-table:not([hidden]) tbody tr",
                "rows => rows.map(r => [...r.cells].map(c => c.textContent))")
        assert [r[0] for r in shown()][:2] == ["Linear algebra", "Calculus"]         # curriculum order
        before = {r[0]: r for r in shown()}
        page.select_option("select[name='role_group']", "modellers")
        after = {r[0]: r for r in shown()}
        assert after != before and len(after) == len(before)
        assert after["SQL"][5] == f"{sql_hours:,}"
        assert after["SQL"][4].endswith(f"{sum('sql' in r['topics'] for r in rows)} of {len(rows)}")
        assert "Data scientist, Machine learning engineer" in page.inner_text("div.decision-table:not([hidden])")
        link = page.get_attribute("a[href='curriculum-decisions.csv']", "href")
        assert set(pd.read_csv(report.parent / link).role_group) == {"all", "analysts", "modellers"}
        assert problems == [] and requests == [(report.parent / "curriculum.html").as_uri()]
    finally:
        page.close()


def test_the_month_chart_draws_one_point_per_month_and_source_and_no_line(browser, report):
    """The made-up postings span six months of 2024 from one source: six points, each month's n counted by hand."""
    import datetime
    from collections import Counter

    per_month = Counter(r["posted_date"][:7] for r in made_up_rows())
    page, problems, _ = open_page(browser, report.parent / "demand.html")
    try:
        chart = page.query_selector("#chart-month")
        assert chart.eval_on_selector_all("svg g[class*='mark-line'], svg g[class*='mark-area']",
                                          "nodes => nodes.length") == 0
        points = page.eval_on_selector_all("#chart-month svg g[class*='mark-symbol'] [aria-label]",
                                           "nodes => nodes.map(n => n.getAttribute('aria-label'))")
        assert len(points) == len(per_month) == 6
        for month, n in per_month.items():
            label = datetime.date.fromisoformat(month + "-01").strftime("%b %Y")       # "Jan 2024"
            assert any(label in p and f"n postings: {n}" in p for p in points), month
        title = " ".join(drawn_text(page, "chart-month"))
        assert "Share of postings asking for Python (explicit demand)" in title
        page.select_option("select[name='topic_month']", "SQL")
        page.wait_for_function("[...document.querySelectorAll('#chart-month svg text')]"
                               ".some(t => t.textContent.includes('asking for SQL'))", timeout=10_000)
        caption = page.inner_text("#chart-month + figcaption")
        assert "400 of the 400 labelled postings carry one" in caption and "below the chart" in caption
        assert problems == []
    finally:
        page.close()


@pytest.mark.parametrize("name", PAGES)
def test_every_table_fits_the_page(browser, report, name):
    """A table wider than its frame is clipped: headers and long text must wrap instead (1280-pixel window)."""
    page, problems, _ = open_page(browser, report.parent / f"{name}.html")
    try:
        overflowing = page.eval_on_selector_all(
            "figure > table", "tables => tables.filter(t => t.scrollWidth > t.parentElement.clientWidth + 1)"
                              ".map(t => t.querySelector('th').textContent)")
        assert overflowing == [] and problems == []
    finally:
        page.close()


@pytest.fixture(scope="module")
def estimates_report(tmp_path_factory):
    """60 data scientists whose salaries are all site estimates (two values), reported beside a second curriculum
    with 60 hours moved from Professional Practice to Programming."""
    import careerlens
    from tests.test_report_decisions import moved_hours

    rows = [{"posting_id": f"g{i}", "role": "data_scientist", "kind": "estimate", "salary": 110_000 + 10_000 * (i % 2),
             "topics": ("sql", "python") if i % 3 else ("python",)} for i in range(60)]
    with careerlens.open_database(":memory:") as db:
        add_file(db)
        add_model(db)
        add_postings(db, rows)
        return build_report(db, out=tmp_path_factory.mktemp("estimates") / "reports", min_n=5,
                            compare=moved_hours())


def test_site_estimates_are_flagged_and_give_no_premium(browser, estimates_report):
    for name in ("index", "salaries"):
        page, problems, _ = open_page(browser, estimates_report.parent / f"{name}.html")
        try:
            assert "60 of the 60 US posting salaries (100%)" in page.inner_text(".notice[role=note]")
            if name == "salaries":
                row = page.eval_on_selector_all("figure table tbody tr", "rows => rows.map(r => r.innerText)")[0]
                assert row.split("\t")[:6] == ["test", "60", "2", "0", "60", "100%"]   # n, distinct, employer, est.
            assert problems == []
        finally:
            page.close()
    page, problems, _ = open_page(browser, estimates_report.parent / "premium.html")
    try:
        assert "cannot be computed: none of the 60 US posting salaries" in page.inner_text("#premium-reason")
        assert problems == []
    finally:
        page.close()


def test_the_compared_curriculum_stands_beside_the_first(browser, estimates_report):
    """SQL: 40 of 60 postings, Python 60 of 60: SQL's hours at demand are 0.4 of 750 = 300; taught 30 h here and
    42 h in the other curriculum, so its gaps are +270 h and +258 h."""
    page, problems, _ = open_page(browser, estimates_report.parent / "curriculum.html")
    try:
        assert "Compared with" in page.inner_text("main")
        rows = page.eval_on_selector_all("div[data-choice-of=comparison]:not([hidden]) tbody tr",
                                         "rows => rows.map(r => [...r.cells].map(c => c.textContent))")
        sql = {r[0]: r for r in rows}["SQL"]
        assert sql[1:6] == ["30", "42", "+12", "+270", "+258"]
        assert page.get_attribute("a[href='curriculum-comparison.csv']", "href")
        assert problems == []
    finally:
        page.close()
