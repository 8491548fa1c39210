"""Hostile values stay values: in SQL, in file names, in the report's CSVs and in the browser.

Values given on the command line (``--roles``, ``--industries``, ``--file``,
``--model``, file names) only ever reach SQL as bound parameters; names that
end up as file names cannot leave the report folder; CSV cells cannot start a
spreadsheet formula; and a report built from postings and a curriculum full of
script, HTML, Vega-expression, template and SQL payloads runs none of them in
headless Chromium and shows them as text.
"""

import csv
import json
import random
import re

import pandas as pd
import pytest
from click.testing import CliRunner

from careerlens.cli import main
from careerlens.errors import CareerlensError
from careerlens.report.folder import safe_file_name, spreadsheet_safe, write_csv
from careerlens.resources import data_text
from tests.test_crash_safety import fingerprint
from tests.test_report_browser import browser  # noqa: F401  (the headless Chromium fixture)

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
CLOSE_SCRIPT = "</script><script>window.__pwned=1</script>"
VEGA = "datum.x || (window.__pwned=1)"
TEMPLATE = "{{constructor.constructor('window.__pwned=1')()}}"
SQL = "'); DROP TABLE postings; --"
PATH = "../../escaped/x\\..\\y"
FORMULA = '=HYPERLINK("http://example.invalid","click")'
PAYLOADS = (SCRIPT, IMG, CLOSE_SCRIPT, VEGA, TEMPLATE, SQL)
PAGES = ["index", "demand", "salaries", "premium", "curriculum", "method"]


def cli(*args, **env):
    result = CliRunner().invoke(main, [str(a) for a in args], env=env or None)
    assert "Traceback" not in result.output
    return result


# -- CSV cells and file names --------------------------------------------------------------
@pytest.mark.parametrize("cell, written", [
    ("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")"),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Data scientist", "Data scientist"),
    ("a=b", "a=b"),
])
def test_csv_text_cells_cannot_start_a_formula(tmp_path, cell, written):
    frame = pd.DataFrame({"text": [cell], "count": [-3], "share": [-0.25]})
    write_csv(frame, tmp_path, "x.csv")
    with open(tmp_path / "x.csv", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows == [["text", "count", "share"], [written, "-3", "-0.25"]]     # numbers untouched


def test_spreadsheet_safe_leaves_numbers_dates_and_missing_values_alone():
    frame = pd.DataFrame({"n": [-1, 2], "x": [-1.5, None], "day": pd.to_datetime(["2024-01-02", None]),
                          "text": ["=1", None]})
    safe = spreadsheet_safe(frame)
    assert safe["n"].tolist() == [-1, 2] and safe["x"].iloc[0] == -1.5 and pd.isna(safe["x"].iloc[1])
    assert safe["day"].equals(frame["day"])
    assert safe["text"].iloc[0] == "'=1" and pd.isna(safe["text"].iloc[1])
    assert frame["text"].iloc[0] == "=1"              # the chart's own frame is not changed


@pytest.mark.parametrize("name", ["../../etc/passwd.csv", "/tmp/abs.csv", "a\x00b.csv", "..", ".", "",
                                  "..\\..\\win.csv", ".hidden.csv", "curriculum-" + PATH + ".csv",
                                  "topic " + SCRIPT + ".csv", "x" * 300 + ".csv"])
def test_derived_file_names_stay_inside_the_report_folder(tmp_path, name):
    safe = safe_file_name(name)
    assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,129}", safe), safe
    assert (tmp_path / safe).resolve().parent == tmp_path.resolve()
    write_csv(pd.DataFrame({"a": [1]}), tmp_path, safe)
    assert [p.name for p in tmp_path.iterdir()] == [safe]


def test_derived_file_names_do_not_overwrite_each_other():
    assert safe_file_name("a/b.csv", ["a-b.csv"]) == "a-b-2.csv"
    assert safe_file_name("a:b.csv", ["a-b.csv", "a-b-2.csv"]) == "a-b-3.csv"


@pytest.mark.parametrize("name", ["../x.csv", "sub/x.csv", "..", ""])
def test_write_csv_refuses_a_name_that_leaves_the_folder(tmp_path, name):
    with pytest.raises(CareerlensError):
        write_csv(pd.DataFrame({"a": [1]}), tmp_path / "out", name)


# -- a hostile corpus and curriculum -----------------------------------------------------
def hostile_curriculum() -> str:
    """The bundled curriculum with its programme, a module and five topics renamed to payloads."""
    text = data_text("curricula", "maths-for-ml.toml")
    renames = {
        "Postgraduate Certificate in Maths for Machine Learning and AI Applications":
            f"Certificate {CLOSE_SCRIPT} {PATH}",
        "Programming and Data Engineering for Machine Learning": f"Programming {IMG} ../module/",
        "Linear algebra": VEGA,
        "Calculus": TEMPLATE,
        "Statistics": SQL,
        "Python": IMG,
        "SQL": SCRIPT,
        "Big data": FORMULA,
    }
    for old, new in renames.items():
        line = f"name = {json.dumps(old)}"
        assert text.count(line) == 1, old
        text = text.replace(line, f"name = {json.dumps(new)}")      # a JSON string is a TOML basic string
    return text


SENTENCES = ("You will write Python and SQL every day.", "Linear algebra and calculus are essential.",
             "Apply statistics and probability to experiments.", "Build machine learning models in production.",
             "Present results to stakeholders with clear data visualization.")


def write_hostile_postings(folder):
    """Postings written for this test, every text field carrying payloads, with a sidecar mapping."""
    rng = random.Random(7)
    rows = []
    for i in range(240):
        payload = PAYLOADS[i % len(PAYLOADS)]
        chosen = [s for s in SENTENCES if rng.random() < 0.6] or [SENTENCES[0]]
        rows.append({
            "ref": f"h{i}",
            "title": f"{rng.choice(['Data Scientist', 'Data Analyst', 'Machine Learning Engineer'])} {payload}",
            "about": " ".join(chosen + [f"Note: {PAYLOADS[(i + 1) % len(PAYLOADS)]} {i}."]),
            "employer": f"{PAYLOADS[(i + 2) % len(PAYLOADS)]} Inc",
            "sector": PAYLOADS[(i + 3) % len(PAYLOADS)] if i % 2 else "Banking",
            "city": PAYLOADS[(i + 4) % len(PAYLOADS)] if i % 3 else "Austin, TX",
            "posted": f"2024-{1 + i % 6:02d}-15",
            "pay": f"${80 + i % 40}K-${120 + i % 40}K",
        })
    data = folder / f"jobs {IMG} {SQL}.csv"
    pd.DataFrame(rows).to_csv(data, index=False)
    (folder / f"jobs {IMG} {SQL}.careerlens.toml").write_text(
        f"source = {json.dumps(SCRIPT)}\n\n[columns]\nid = \"ref\"\ntitle = \"title\"\ndescription = \"about\"\n"
        "company = \"employer\"\nindustry = \"sector\"\nlocation = \"city\"\ndate = \"posted\"\n\n"
        "[salary]\ntext_column = \"pay\"\n", encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    data = write_hostile_postings(folder)
    curriculum = folder / "hostile.toml"
    curriculum.write_text(hostile_curriculum(), encoding="utf-8")
    db_path = folder / "store.duckdb"
    for args in (["ingest", data], ["train", "--curriculum", curriculum], ["classify"],
                 ["report", "--curriculum", curriculum, "--min-n", 5, "--out", folder / "reports"]):
        result = cli(*args, "--db", db_path)
        assert result.exit_code == 0, result.output
    return folder / "reports"


def test_the_hostile_report_writes_only_inside_its_folder(hostile_report):
    folder = hostile_report.parent
    outside = sorted(p.name for p in folder.iterdir() if p != hostile_report)
    assert outside == sorted([f"jobs {IMG} {SQL}.csv", f"jobs {IMG} {SQL}.careerlens.toml", "hostile.toml",
                              "store.duckdb"])
    names = [p.name for p in hostile_report.rglob("*")]
    assert all(re.fullmatch(r"\.?[A-Za-z0-9_][A-Za-z0-9._-]*", n) for n in names), names
    assert not (folder.parent / "escaped").exists()


def test_no_payload_is_written_unescaped_into_a_page(hostile_report):
    for name in PAGES:
        html = (hostile_report / f"{name}.html").read_text(encoding="utf-8")
        for payload in (SCRIPT, IMG, CLOSE_SCRIPT):
            assert payload not in html, (name, payload)
        assert html.count("<script") == html.count("</script>")     # no script element opened by data


def test_the_chart_csvs_hold_the_payloads_as_inert_text(hostile_report):
    with open(hostile_report / "curriculum-alignment.csv", newline="") as fh:
        topics = {row["topic_name"] for row in csv.DictReader(fh)}
    assert {VEGA, TEMPLATE, SQL, IMG, SCRIPT, "'" + FORMULA} <= topics
    cells = [cell for path in hostile_report.glob("*.csv") for row in csv.reader(open(path, newline=""))
             for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [c for c in cells if c[:1] == "-" and not re.fullmatch(r"-[0-9.e+-]+", c)]   # only numbers


def open_page(browser, path):  # noqa: F811  (the fixture, passed in)
    page = browser.new_page()
    problems, requests = [], []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"uncaught: {exc}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_function("[...document.querySelectorAll('div[data-spec]')].every(d => d.dataset.rendered)",
                           timeout=30_000)
    page.wait_for_timeout(300)          # let any late handler (an onerror of a broken image) fire
    return page, problems, requests


@pytest.mark.parametrize("name", PAGES)
def test_no_payload_runs_in_the_browser_and_each_shows_as_text(browser, hostile_report, name):  # noqa: F811
    path = hostile_report / f"{name}.html"
    page, problems, requests = open_page(browser, path)
    try:
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert problems == []
        assert requests == [path.as_uri()]
        assert [c.get_attribute("data-rendered") for c in page.query_selector_all("div[data-spec]")] == \
               ["true"] * len(page.query_selector_all("div[data-spec]"))
        assert page.inner_text("header") == f"careerlens report for Certificate {CLOSE_SCRIPT} {PATH}"
        text = page.inner_text("main")
        if name == "demand":              # topic names, as the options of the topic dropdown
            options = page.eval_on_selector("select[name='topic_naics_sector']", "s => [...s.options].map(o => o.text)")
            assert {VEGA, TEMPLATE, SQL, IMG, SCRIPT} <= set(options)
        if name == "curriculum":          # topic and module names in the alignment table
            for payload in (VEGA, TEMPLATE, SQL, IMG, SCRIPT, FORMULA, f"Programming {IMG} ../module/"):
                assert payload in text, payload
        if name == "method":              # the file name and the source name in the tables
            assert f"jobs {IMG} {SQL}.csv" in text and SCRIPT in text
    finally:
        page.close()


# -- command-line values reach SQL only as bound parameters -----------------------------
@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    """A store with one hostile file loaded, trained and labelled."""
    folder = tmp_path_factory.mktemp("sql")
    data = write_hostile_postings(folder)
    db_path = folder / "store.duckdb"
    for args in (["ingest", data], ["train"], ["classify"]):
        assert cli(*args, "--db", db_path).exit_code == 0
    return db_path


@pytest.mark.parametrize("args, code, message", [
    (["report", "--roles", SQL], 2, "unknown role"),
    (["report", "--roles", "data_scientist," + SQL], 2, "unknown role"),
    (["report", "--industries", SQL], 2, "unknown NAICS sector"),
    (["report", "--industries", "52' OR '1'='1"], 2, "unknown NAICS sector"),
    (["classify", "--model", SQL], 2, "no trained classifier"),
    (["evaluate", "--gold", "GOLD", "--model", SQL], 2, "no trained classifier"),
    (["rejects", "--file", SQL], 0, ""),
    (["rejects", "--file", "x' OR 1=1 --"], 0, ""),
])
def test_sql_fragments_on_the_command_line_are_plain_values(tmp_path, small_store, args, code, message):
    before = fingerprint(small_store)
    gold = tmp_path / "gold.csv"
    gold.write_text("dataset,row,split,topics\n")
    args = [str(gold) if a == "GOLD" else a for a in args]
    extra = ["--out", tmp_path / "reports"] if args[0] == "report" else []
    result = cli(*args, *extra, "--db", small_store)
    assert result.exit_code == code, result.output
    assert message in result.output
    if args[0] == "rejects":
        assert "(no rows)" in result.output                      # matched as a file name: none has it
    assert fingerprint(small_store) == before


def test_a_file_named_like_sql_loads_under_its_own_name(small_store):
    import careerlens

    with careerlens.open_database(small_store, read_only=True) as db:
        names = db.sql("SELECT file_name FROM sources").file_name.tolist()
        assert names == [f"jobs {IMG} {SQL}.csv"]
        assert db.sql("SELECT count(*) AS n FROM postings").n[0] == 240
        titles = db.sql("SELECT title FROM postings WHERE title LIKE '%DROP TABLE%'").title
        assert len(titles) == 40 and all(t.endswith(SQL) for t in titles)
