"""Job-board snapshots loaded as postings: every documented field read, pay annualised, ids kept across snapshots.

Snapshots are made from the fixtures in tests/fixtures/boards (written in the
providers' documented shapes) with the same function ``careerlens fetch`` uses.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from careerlens.boards.snapshots import make_snapshot, write_snapshot
from careerlens.cli import main
from careerlens.errors import InputError
from careerlens.ingest import ingest
from tests.boardserver import fixture


def snapshot_file(folder, provider, board, bodies, hour=1, day=7, endpoints=None):
    """Write a snapshot of ``bodies`` (one per response) as ``careerlens fetch`` does; returns its path."""
    when = dt.datetime(2026, 12, day, hour, tzinfo=dt.timezone.utc)
    endpoints = endpoints or ["jobs"] * len(bodies)
    responses = [{"endpoint": e, "url": f"http://127.0.0.1/{provider}/{board}", "status": 200, "etag": None,
                  "body": b} for e, b in zip(endpoints, bodies)]
    return write_snapshot(folder / provider / board, make_snapshot(provider, board, when, "tests", responses), when)


def postings(db, where="TRUE"):
    return {row["source_key"]: row for row in db.sql_records(f"SELECT * FROM postings WHERE {where}")}


def test_greenhouse_fields(db, tmp_path):
    ingest(db, [snapshot_file(tmp_path, "greenhouse", "northwind", [fixture("greenhouse_northwind.json")])])
    rows = postings(db)
    scientist = rows["greenhouse:northwind:4100001"]
    assert scientist["title"] == "Senior Data Scientist" and scientist["company"] == "Northwind Analytics"
    assert (scientist["country"], scientist["state"], scientist["posted_date"]) == ("US", "TX", dt.date(2026, 10, 5))
    assert scientist["role"] == "data_scientist" and scientist["soc_code"] == "15-2051"
    # two zones in one currency: the lowest minimum and the highest maximum
    assert (scientist["salary_min_usd"], scientist["salary_max_usd"], scientist["salary_kind"]) == (125000, 175000, "employer")
    assert scientist["description"] == (
        "About the role\n\nYou will build demand forecasting models in Python and explain them to planners.\n\n"
        "- Linear algebra and probability\n- Time series and & experimentation\n\n"
        "Questions? Write to [e-mail removed] or call [phone removed].")
    engineer = rows["greenhouse:northwind:4100002"]
    assert engineer["description"] == "Ship models to production with gradient boosting and deep learning."
    assert engineer["remote"] is True and engineer["salary_kind"] is None
    assert engineer["first_seen"] == engineer["last_seen"] == dt.datetime(2026, 12, 7, 1)
    [sighting] = db.sql_records("SELECT * FROM board_postings WHERE source_key = 'greenhouse:northwind:4100001'")
    assert sighting["department"] == "Analytics" and sighting["url"].endswith("/4100001")
    assert db.sql_records("SELECT field, reason, action FROM rejects") == [
        {"field": "description", "reason": "script element removed from the description (code, not posting text)",
         "action": "field_cleared"}]


def test_lever_fields_and_pay_periods(db, tmp_path):
    ingest(db, [snapshot_file(tmp_path, "lever", "fabrikam", [fixture("lever_fabrikam.json")], endpoints=["postings"])])
    rows = postings(db)
    quant = rows["lever:fabrikam:5f2c1a9e-0001-4c1d-9d1e-aa0000000001"]
    assert (quant["title"], quant["company"], quant["country"], quant["remote"]) == (
        "Quantitative Analyst", "fabrikam", "GB", False)
    assert (quant["salary_currency"], quant["salary_min"], quant["salary_max"], quant["salary_period"]) == (
        "GBP", 70000, 90000, "year")
    assert quant["employment_type"] == "Full-time" and quant["posted_date"] == dt.date(2025, 11, 13)
    assert quant["description"] == ("Fabrikam prices risk for shipping insurers.\n\nWhat you will do\n\n"
                                    "- Calibrate stochastic models\n- Write SQL against the claims warehouse\n\n"
                                    "What you bring\n\n- Probability and statistics at degree level\n\n"
                                    "Visa sponsorship is available.")
    analyst = rows["lever:fabrikam:5f2c1a9e-0002-4c1d-9d1e-aa0000000002"]
    assert (analyst["state"], analyst["remote"], analyst["salary_min_usd"], analyst["salary_max_usd"]) == (
        "CO", True, 45 * 2080, 60 * 2080)
    statistician = rows["lever:fabrikam:5f2c1a9e-0003-4c1d-9d1e-aa0000000003"]
    assert (statistician["salary_min_usd"], statistician["salary_max_usd"]) == (9000 * 12, 11000 * 12)


def test_ashby_fields_equity_is_not_pay_and_unlisted_jobs_are_left_out(db, tmp_path):
    [result] = ingest(db, [snapshot_file(tmp_path, "ashby", "tailspin", [fixture("ashby_tailspin.json")])])
    assert (result.rows_read, result.rows_loaded) == (2, 2)
    rows = postings(db)
    scientist = rows["ashby:tailspin:b7e0c2d4-1111-4f00-8000-000000000001"]
    assert (scientist["location_raw"], scientist["state"], scientist["remote"]) == (
        "Seattle, Washington, United States", "WA", False)
    assert (scientist["salary_min_usd"], scientist["salary_max_usd"]) == (160000, 210000)
    assert scientist["employment_type"] == "FullTime" and scientist["posted_date"] == dt.date(2026, 11, 3)
    engineer = rows["ashby:tailspin:b7e0c2d4-1111-4f00-8000-000000000002"]
    assert engineer["remote"] is True and engineer["salary_min_usd"] == 70 * 2080
    [team] = db.sql_records("SELECT department FROM board_postings WHERE source_key LIKE '%0002'")
    assert team["department"] == "Engineering, Data Platform"


def usajobs_snapshot(tmp_path):
    pages = [fixture("usajobs_historicjoa_page1.json"), fixture("usajobs_historicjoa_page2.json"),
             fixture("usajobs_announcementtext.json")]
    return snapshot_file(tmp_path, "usajobs", "series-1560-1515-1529", pages,
                         endpoints=["historicjoa", "historicjoa", "announcementtext"])


def test_usajobs_fields_either_key_case_and_series_to_soc(db, tmp_path):
    ingest(db, [usajobs_snapshot(tmp_path)])
    rows = postings(db)
    census = rows["usajobs:810000001"]
    assert (census["title"], census["company"], census["state"], census["naics_sector"]) == (
        "Data Scientist", "Census Bureau", "MD", "92")
    assert census["soc_code"] == "15-2051" and census["employment_type"] == "Full-time; telework eligible"
    assert census["description"].startswith("Join the team that turns survey responses into national statistics.\n\n"
                                            "- Build record-linkage models")
    assert "[phone removed]" in census["description"] and "301-555" not in census["description"]
    assert (census["salary_min_usd"], census["posted_date"]) == (104604, dt.date(2026, 6, 2))
    navy = rows["usajobs:810000002"]
    assert navy["soc_code"] == "15-2031" and navy["role"] == "operations_research_analyst"
    assert (navy["soc_method"], navy["soc_confidence"], navy["onet_title"]) == ("usajobs_series", 1.0, None)
    trainee = rows["usajobs:810000003"]       # every key lower-case, paid by the hour
    assert (trainee["state"], trainee["soc_code"], trainee["salary_min_usd"]) == ("DC", "15-2041", 21.5 * 2080)
    assert "Coursework in probability." in trainee["description"]
    [closing] = db.sql_records("SELECT closes_on, occupational_series FROM board_postings WHERE source_key = 'usajobs:810000003'")
    assert closing == {"closes_on": dt.date(2026, 9, 30), "occupational_series": "1529"}


def test_series_soc_survives_renormalise(db, tmp_path):
    from careerlens.normalise import renormalise

    ingest(db, [usajobs_snapshot(tmp_path)])
    renormalise(db)
    assert postings(db)["usajobs:810000002"]["soc_code"] == "15-2031"
    assert {row["soc_method"] for row in postings(db).values()} == {"usajobs_series"}


def test_series_gives_its_occupation_to_a_title_no_curated_role_claims(db, tmp_path):
    # A title the coder read as another occupation takes the series' role (or its SOC title): role and code agree.
    ingest(db, [usajobs_snapshot(tmp_path)])
    db.execute("UPDATE stored_postings SET role = 'Producers and Directors', soc_code = '27-2012' "
               "WHERE source_key IN ('usajobs:810000002', 'usajobs:810000003')")
    db.execute("UPDATE taxonomy_usajobs_series_soc SET role = NULL WHERE series = '1529'")
    db.run_script("normalise/series_soc")
    rows = postings(db)
    assert (rows["usajobs:810000002"]["role"], rows["usajobs:810000002"]["soc_code"]) == (
        "operations_research_analyst", "15-2031")
    assert (rows["usajobs:810000003"]["role"], rows["usajobs:810000003"]["soc_code"]) == ("Statisticians", "15-2041")


def test_two_snapshots_one_posting_closed_one_new(db, tmp_path):
    board = fixture("greenhouse_northwind.json")
    later = json.loads(json.dumps(board))
    later["jobs"][0]["content"] += "&lt;p&gt;Now hiring two.&lt;/p&gt;"            # edited text, same id
    later["jobs"][1] = {**board["jobs"][0], "id": 4100003, "title": "Decision Scientist",
                        "content": "&lt;p&gt;Design pricing experiments.&lt;/p&gt;"}
    first = snapshot_file(tmp_path, "greenhouse", "northwind", [board], day=7)
    second = snapshot_file(tmp_path, "greenhouse", "northwind", [later], day=9)
    ingest(db, [tmp_path / "greenhouse"])
    seen = {r["source_key"]: r for r in db.sql_records("SELECT * FROM board_postings")}
    kept, closed, new = (seen[f"greenhouse:northwind:{n}"] for n in (4100001, 4100002, 4100003))
    assert (kept["first_seen"], kept["last_seen"], kept["snapshots"], kept["still_listed"]) == (
        dt.datetime(2026, 12, 7, 1), dt.datetime(2026, 12, 9, 1), 2, True)
    assert (closed["last_seen"], closed["still_listed"]) == (dt.datetime(2026, 12, 7, 1), False)
    assert (new["first_seen"], new["still_listed"]) == (dt.datetime(2026, 12, 9, 1), True)
    assert db.sql_records("SELECT count(*) AS n FROM postings")[0]["n"] == 3
    assert first.name < second.name


def test_the_same_posting_on_two_providers_is_one_posting(db, tmp_path):
    ashby = fixture("ashby_tailspin.json")
    job = ashby["jobs"][1]
    lever = [{"id": "copy-1", "text": job["title"], "categories": {"location": "Remote (US)"},
              "descriptionPlain": job["descriptionPlain"], "createdAt": 1764072000000}]
    ashby_board = {"jobs": [job]}
    ingest(db, [snapshot_file(tmp_path, "ashby", "tailspin", [ashby_board]),
                snapshot_file(tmp_path, "lever", "tailspin", [lever], endpoints=["postings"])])
    texts = db.sql_records("SELECT source, company FROM postings WHERE title = 'Data Engineer'")
    assert texts == [{"source": "ashby_snapshot", "company": "tailspin"}]
    assert {r["source_key"] for r in db.sql_records("SELECT source_key FROM posting_sightings")} == {
        "ashby:tailspin:b7e0c2d4-1111-4f00-8000-000000000002", "lever:tailspin:copy-1"}


@pytest.mark.parametrize("ranges, reason", [
    ([{"min_cents": 18000000, "max_cents": 15000000, "currency_type": "USD", "title": "Zone A"}],
     "pay range minimum above maximum"),
    ([{"min_cents": 0, "max_cents": 0, "currency_type": "USD", "title": "Zone A"}], "pay range of zero or less"),
])
def test_a_bad_pay_range_is_cleared_and_said_so(db, tmp_path, ranges, reason):
    board = fixture("greenhouse_northwind.json")
    board["jobs"][0]["pay_input_ranges"] = ranges
    ingest(db, [snapshot_file(tmp_path, "greenhouse", "northwind", [board])])
    assert postings(db)["greenhouse:northwind:4100001"]["salary_min_usd"] is None
    assert {"field": "salary", "reason": reason, "action": "field_cleared"} in db.sql_records(
        "SELECT field, reason, action FROM rejects")


def test_a_job_without_a_title_is_rejected(db, tmp_path):
    board = fixture("greenhouse_northwind.json")
    board["jobs"][1]["title"] = "  "
    [result] = ingest(db, [snapshot_file(tmp_path, "greenhouse", "northwind", [board])])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (2, 1, 1)
    assert {"source_row": 2, "field": "title", "reason": "job without a title", "action": "row_rejected"} in \
        db.sql_records("SELECT source_row, field, reason, action FROM rejects")


def test_a_board_with_no_jobs_loads_as_an_empty_snapshot_that_closes_earlier_postings(db, tmp_path):
    ingest(db, [snapshot_file(tmp_path, "greenhouse", "northwind", [fixture("greenhouse_northwind.json")], day=7)])
    [result] = ingest(db, [snapshot_file(tmp_path, "greenhouse", "northwind", [{"jobs": [], "meta": {"total": 0}}],
                                         day=8)])
    assert (result.rows_read, result.rows_loaded) == (0, 0) and "the board listed no jobs" in result.notes
    assert [r["still_listed"] for r in db.sql_records("SELECT still_listed FROM board_postings")] == [False, False]


def test_a_truncated_snapshot_is_refused_and_leaves_the_database_unchanged(db, tmp_path):
    path = snapshot_file(tmp_path, "greenhouse", "northwind", [fixture("greenhouse_northwind.json")])
    path.write_text(path.read_text()[:900])
    with pytest.raises(InputError, match=r"northwind/.*\.json, line 1: not valid JSON .*truncated or damaged"):
        ingest(db, [path])
    assert db.sql_records("SELECT count(*) AS n FROM sources")[0]["n"] == 0
    assert db.sql_records("SELECT count(*) AS n FROM posting_sightings")[0]["n"] == 0


def test_a_snapshot_whose_body_is_not_a_job_list_names_the_field(db, tmp_path):
    path = snapshot_file(tmp_path, "ashby", "tailspin", [{"error": "not found"}])
    with pytest.raises(InputError, match=r"field 'responses\[0\]\.body': expected a list of jobs under 'jobs'"):
        ingest(db, [path])
    assert db.sql_records("SELECT count(*) AS n FROM stored_postings")[0]["n"] == 0


def test_formats_lists_the_snapshot_formats():
    output = CliRunner().invoke(main, ["formats"]).output
    for name in ("greenhouse_snapshot", "lever_snapshot", "ashby_snapshot", "usajobs_snapshot"):
        assert name in output


def test_fetch_with_ingest_loads_in_the_same_command(tmp_path, monkeypatch):
    import threading

    from tests.boardserver import JobBoardServer

    server = JobBoardServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        server.route("/v1/boards/northwind/jobs", "greenhouse_northwind.json")
        monkeypatch.setenv("CAREERLENS_GREENHOUSE_URL", server.base)
        database = tmp_path / "current.duckdb"
        result = CliRunner().invoke(main, ["fetch", "greenhouse", "northwind", "--dest", str(tmp_path / "dl"),
                                           "--ingest", "--db", str(database)])
        assert result.exit_code == 0, result.output
        assert "greenhouse_snapshot" in result.output and "1 file(s) loaded" in result.output
        rows = CliRunner().invoke(main, ["sql", "SELECT count(*) AS n FROM postings", "--db", str(database),
                                         "--format", "json"]).output
        assert json.loads(rows) == [{"n": 2}]
    finally:
        server.shutdown()
        server.server_close()
