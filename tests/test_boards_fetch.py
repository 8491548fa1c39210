"""`careerlens fetch greenhouse|lever|ashby|usajobs` against a job-board API on 127.0.0.1 (tests/boardserver.py).

Paging, politeness (User-Agent, requests in flight, Lever's pace), retries, 404,
429 with Retry-After, answers that are not the documented JSON, ETags, a resumed
run, and two snapshots of one board with a posting closed and one new.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time

import pytest
from click.testing import CliRunner

from careerlens.boards import providers
from careerlens.boards.run import fetch_boards, read_board_list
from careerlens.boards.providers import BoardRequest, usajobs_request
from careerlens.cli import main
from careerlens.errors import InputError
from careerlens.resources import data_text
from tests.boardserver import Answer, JobBoardServer, fixture

FAST = {"backoff": 0.01, "min_interval": 0.0}


@pytest.fixture
def api(monkeypatch):
    server = JobBoardServer()
    import threading

    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for name in ("GREENHOUSE", "LEVER", "ASHBY", "USAJOBS"):
        monkeypatch.setenv(f"CAREERLENS_{name}_URL", server.base)
    monkeypatch.setenv("CAREERLENS_USER_AGENT", "careerlens-tests (curriculum@example.edu)")
    yield server
    server.shutdown()
    server.server_close()


def fetch_cli(*args, dest):
    return CliRunner().invoke(main, ["fetch", *args, "--dest", str(dest)])


def at(hour: int, day: int = 7):
    return lambda: dt.datetime(2026, 12, day, hour, 0, 0, tzinfo=dt.timezone.utc)


def test_greenhouse_boards_are_saved_as_dated_snapshots_and_a_missing_board_is_skipped(api, tmp_path):
    api.route("/v1/boards/northwind/jobs", "greenhouse_northwind.json")
    result = fetch_cli("greenhouse", "northwind", "gone-company", dest=tmp_path)
    assert result.exit_code == 0, result.output
    assert "gone-company: HTTP 404 Not Found" in result.output
    assert ("boards fetched 1 of 2 (1 not found, 0 failed); postings 2, new 2, closed 0, with pay range 1"
            in result.output)
    [snapshot] = (tmp_path / "greenhouse" / "northwind").glob("*.json")
    saved = json.loads(snapshot.read_text())
    assert saved["careerlens_snapshot"] == "greenhouse" and saved["board"] == "northwind"
    assert saved["responses"][0]["body"] == fixture("greenhouse_northwind.json")
    [request] = api.requests_to("/v1/boards/northwind/jobs")
    assert request.query == {"content": "true", "pay_transparency": "true"}
    assert request.headers["User-Agent"] == "careerlens-tests (curriculum@example.edu)"


def test_nothing_fetched_exits_1(api, tmp_path):
    result = fetch_cli("ashby", "no-such-board", dest=tmp_path)
    assert result.exit_code == 1
    assert "nothing could be fetched from ashby" in result.output


def test_lever_pages_with_skip_and_limit_one_request_a_second(api, tmp_path, monkeypatch):
    monkeypatch.setattr(providers, "LEVER_PAGE", 2)
    postings = fixture("lever_fabrikam.json")
    api.route("/v0/postings/fabrikam", Answer.json(postings[:2]), Answer.json(postings[2:]))
    result = fetch_boards("lever", [BoardRequest("lever", "fabrikam")], tmp_path, client_options={"backoff": 0.01})
    assert [r.query for r in api.requests_to("/v0/postings/fabrikam")] == [
        {"mode": "json", "skip": "0", "limit": "2"}, {"mode": "json", "skip": "2", "limit": "2"}]
    first, second = api.requests_to("/v0/postings/fabrikam")
    assert second.at - first.at >= 0.95
    assert result.postings == 3 and result.with_pay == 3


def test_at_most_four_requests_in_flight(api, tmp_path):
    api.delay = 0.2
    for n in range(8):
        api.route(f"/posting-api/job-board/board{n}", "ashby_tailspin.json")
    result = fetch_boards("ashby", [BoardRequest("ashby", f"board{n}") for n in range(8)], tmp_path,
                          client_options=FAST)
    assert len(result.fetched) == 8
    assert 2 <= api.most_in_flight <= 4


def test_usajobs_follows_relative_paging_next_and_joins_the_announcement_text(api, tmp_path):
    api.route("/api/historicjoa", "usajobs_historicjoa_page1.json", "usajobs_historicjoa_page2.json")
    api.route("/api/historicjoa/announcementtext", "usajobs_announcementtext.json")
    request = usajobs_request(["1560", "1515", "1529"], dt.date(2025, 12, 7), dt.date(2026, 12, 7))
    result = fetch_boards("usajobs", [request], tmp_path, client_options=FAST)
    first, second = api.requests_to("/api/historicjoa")
    assert first.query == {"PositionSeries": "1560,1515,1529", "StartPositionOpenDate": "12-07-2025",
                           "EndPositionOpenDate": "12-07-2026"}
    assert second.query == {"PositionSeries": "1560,1515", "continuationtoken": "tok-2"}
    assert api.requests_to("/api/historicjoa/announcementtext")[0].query == first.query
    assert result.postings == 3 and result.with_pay == 3
    assert result.outcomes[0].path.parent == tmp_path / "usajobs" / "series-1560-1515-1529"


def test_usajobs_takes_no_board_names(api, tmp_path):
    result = fetch_cli("usajobs", "census", dest=tmp_path)
    assert result.exit_code == 2 and "usajobs takes no board names" in result.output


def test_5xx_is_retried_and_429_waits_as_retry_after_asks(api, tmp_path):
    api.route("/v1/boards/northwind/jobs", 503, Answer(429, b"{}", {"Retry-After": "1"}), "greenhouse_northwind.json")
    started = time.monotonic()
    result = fetch_boards("greenhouse", [BoardRequest("greenhouse", "northwind")], tmp_path, client_options=FAST)
    assert time.monotonic() - started >= 1.0
    assert len(api.requests_to("/v1/boards/northwind/jobs")) == 3
    assert result.postings == 2


def test_a_board_that_keeps_failing_is_reported_after_the_retries(api, tmp_path):
    api.route("/v1/boards/northwind/jobs", 502)
    result = fetch_boards("greenhouse", [BoardRequest("greenhouse", "northwind")], tmp_path,
                          client_options={**FAST, "retries": 2})
    [outcome] = result.outcomes
    assert outcome.status == "failed" and "HTTP 502" in outcome.message and "after 3 attempts" in outcome.message
    assert len(api.requests_to("/v1/boards/northwind/jobs")) == 3


@pytest.mark.parametrize("answer, message", [
    (Answer(200, b"<html><body>Down for maintenance</body></html>", {"Content-Type": "text/html"}),
     "with an HTML page, not JSON"),
    (Answer(200, b'{"jobs": [{"id": 1, "title": "Data Sci', {"Content-Type": "application/json"}),
     "malformed JSON (Unterminated string"),
    (Answer.json({"error": "board disabled"}), "not a Greenhouse job board"),
])
def test_an_answer_that_is_not_the_documented_json_saves_nothing(api, tmp_path, answer, message):
    api.route("/v1/boards/northwind/jobs", answer)
    result = fetch_cli("greenhouse", "northwind", dest=tmp_path)
    assert result.exit_code == 1
    assert message in result.output
    assert not (tmp_path / "greenhouse" / "northwind").exists() or not list((tmp_path / "greenhouse" / "northwind").glob("*"))


def test_a_second_fetch_asks_with_the_etag_and_a_304_keeps_the_previous_answer(api, tmp_path):
    api.route("/v1/boards/northwind/jobs", "greenhouse_northwind.json")
    board = [BoardRequest("greenhouse", "northwind")]
    fetch_boards("greenhouse", board, tmp_path, client_options=FAST, clock=at(1))
    result = fetch_boards("greenhouse", board, tmp_path, client_options=FAST, clock=at(2))
    first, second = api.requests_to("/v1/boards/northwind/jobs")
    assert "If-None-Match" not in first.headers and second.headers["If-None-Match"].startswith('"')
    [outcome] = result.outcomes
    assert outcome.status == "not_modified" and (outcome.postings, outcome.new, outcome.closed) == (2, 0, 0)
    older, newer = sorted((tmp_path / "greenhouse" / "northwind").glob("*.json"))
    assert json.loads(newer.read_text())["responses"][0]["body"] == json.loads(older.read_text())["responses"][0]["body"]


def test_the_summary_counts_a_posting_closed_and_one_new_since_the_last_snapshot(api, tmp_path):
    board = fixture("greenhouse_northwind.json")
    later = json.loads(json.dumps(board))
    later["jobs"][1] = {**later["jobs"][0], "id": 4100003, "title": "Decision Scientist",
                        "content": "&lt;p&gt;Design pricing experiments.&lt;/p&gt;", "pay_input_ranges": []}
    api.route("/v1/boards/northwind/jobs", Answer.json(board), Answer.json(later))
    fetch_boards("greenhouse", [BoardRequest("greenhouse", "northwind")], tmp_path, client_options=FAST, clock=at(1))
    result = fetch_boards("greenhouse", [BoardRequest("greenhouse", "northwind")], tmp_path, client_options=FAST,
                          clock=at(1, day=8))
    assert (result.postings, result.new, result.closed, result.with_pay) == (2, 1, 1, 1)


def test_an_interrupted_board_list_resumes_with_the_boards_not_fetched_today(api, tmp_path):
    for name in ("alpha", "beta", "gamma"):
        api.route(f"/posting-api/job-board/{name}", "ashby_tailspin.json")
    boards = tmp_path / "boards.txt"
    boards.write_text("# our region's employers\nalpha\nbeta   # logistics\n\ngamma\n")
    clock = at(9)
    fetch_boards("ashby", [BoardRequest("ashby", "alpha")], tmp_path / "dl", client_options=FAST, clock=clock)
    api.requests.clear()
    requests = [BoardRequest("ashby", name) for name in read_board_list(boards)]
    result = fetch_boards("ashby", requests, tmp_path / "dl", resume=True, client_options=FAST, clock=clock)
    assert [o.status for o in result.outcomes] == ["already_today", "fetched", "fetched"]
    assert sorted(r.path for r in api.requests) == ["/posting-api/job-board/beta", "/posting-api/job-board/gamma"]


def test_a_board_list_names_the_line_of_a_bad_name(tmp_path):
    boards = tmp_path / "boards.txt"
    boards.write_text("alpha\n../etc\n")
    with pytest.raises(InputError, match=r"boards.txt, line 2: '\.\./etc' is not a board name"):
        read_board_list(boards)


def test_known_boards_with_limit_asks_the_first_boards_of_the_list(api, tmp_path):
    listed = csv.DictReader(io.StringIO(data_text("boards", "known_boards.csv")))
    first_two = [row["board"] for row in listed if row["provider"] == "lever"][:2]
    result = fetch_cli("lever", "--known", "--limit", "2", dest=tmp_path)
    assert sorted(r.path for r in api.requests) == sorted(f"/v0/postings/{board}" for board in first_two)
    assert result.exit_code == 1      # the local server knows neither board: both 404


def test_every_known_board_is_a_valid_board_of_its_provider_and_listed_once():
    rows = list(csv.DictReader(io.StringIO(data_text("boards", "known_boards.csv"))))
    assert {row["provider"] for row in rows} == {"greenhouse", "lever", "ashby"}
    assert [row["board"] for row in rows if not providers.BOARD_NAME.fullmatch(row["board"])] == []
    keys = [(row["provider"], row["board"].lower()) for row in rows]
    assert len(keys) == len(set(keys))
    assert all(row["source"] == "careerlens" or row["source"].startswith("ats-jobs-mcp 1.1.0") for row in rows)
