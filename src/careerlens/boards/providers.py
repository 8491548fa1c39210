"""The job-board APIs careerlens reads, declared as data: where each board's postings are and how they page.

================  =========================================================================
provider          requests (below the base URL, ``CAREERLENS_<PROVIDER>_URL``)
================  =========================================================================
``greenhouse``    ``GET /v1/boards/{board}/jobs?content=true&pay_transparency=true``: one answer
``lever``         ``GET /v0/postings/{site}?mode=json&skip=N&limit=M``: pages until one is short
``ashby``         ``GET /posting-api/job-board/{board}?includeCompensation=true``: one answer
``usajobs``       ``GET /api/historicjoa?PositionSeries=..&StartPositionOpenDate=..&EndPositionOpenDate=..``
                  then ``GET /api/historicjoa/announcementtext`` with the same filters; each
                  follows ``paging.next`` (a full URL or a path below the host) until it is null
================  =========================================================================

:func:`fetch_board` returns the raw answers as *responses* (URL, status, ETag and
the parsed JSON body), the part of a snapshot that :mod:`careerlens.boards.snapshots`
writes. An answer that is not the JSON the API documents (an HTML error page
served with 200, a truncated body, a body of another shape) raises
:class:`~careerlens.boards.http.FetchFailed` naming the URL.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Callable

from careerlens import settings
from careerlens.boards.http import Answer, FetchFailed, PoliteClient
from careerlens.errors import UsageError

LEVER_PAGE = 100
#: What a board name may hold: it becomes part of a URL and of a folder name.
BOARD_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
USAJOBS_SERIES = re.compile(r"\d{4}")


@dataclass(frozen=True)
class BoardRequest:
    """What to fetch: a provider's board, or for USAJOBS the series and opening dates."""

    provider: str
    board: str
    series: tuple[str, ...] = ()
    opened_from: dt.date | None = None
    opened_to: dt.date | None = None


@dataclass(frozen=True)
class Provider:
    """One job-board API."""

    name: str
    setting: str                       # the settings name of its base URL
    conditional: bool                  # one answer per board, so an ETag says whether it changed
    paced: bool = False                # one request at a time, a second apart (Lever asks for it)
    fetch: Callable = field(default=None, repr=False)   # fetch(client, base, request) -> list of responses

    def base_url(self) -> str:
        return settings.get(self.setting).rstrip("/")


def check_board_name(name: str, provider: str) -> str:
    """``name`` stripped, or a usage error when it cannot be a board token."""
    text = name.strip()
    if not BOARD_NAME.fullmatch(text):
        raise UsageError(f"{text!r} is not a {provider} board name (letters, digits, '.', '_' and '-' only)")
    return text


def parse_json(answer: Answer, expected: str, shape: Callable[[object], bool]) -> object:
    """The answer's JSON body, refused when it is an HTML page, malformed or not of the documented shape."""
    text = answer.text
    if "html" in answer.content_type.lower() or text.lstrip()[:1] == "<":
        raise FetchFailed(f"{answer.url} answered {answer.status} with an HTML page, not JSON "
                          "(an error or maintenance page?); nothing was saved for this board")
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FetchFailed(f"{answer.url} answered with malformed JSON ({exc.msg} at character {exc.pos} of "
                          f"{len(text)}; truncated?); nothing was saved for this board") from exc
    if not shape(body):
        raise FetchFailed(f"{answer.url} answered with JSON that is not {expected}; nothing was saved for this board")
    return body


def _response(answer: Answer, body, endpoint: str) -> dict:
    return {"endpoint": endpoint, "url": answer.url, "status": answer.status, "etag": answer.etag, "body": body}


def _jobs_object(body) -> bool:
    return isinstance(body, dict) and isinstance(body.get("jobs"), list)


def _fetch_single(path: str, query: str, expected: str):
    def fetch(client: PoliteClient, base: str, request: BoardRequest, previous: dict | None = None) -> list[dict]:
        url = f"{base}{path.format(board=urllib.parse.quote(request.board))}?{query}"
        answer = client.get(url)
        if answer.not_modified:
            if previous is None:
                answer = client.get(url, conditional=False)
            else:
                return [{**previous, "status": 304, "etag": answer.etag}]
        return [_response(answer, parse_json(answer, expected, _jobs_object), "jobs")]

    return fetch


def fetch_lever(client: PoliteClient, base: str, request: BoardRequest, previous: dict | None = None) -> list[dict]:
    """Every page of a Lever site: ``skip`` grows by ``limit`` until a page comes back short."""
    responses, skip = [], 0
    site = urllib.parse.quote(request.board)
    while True:
        url = f"{base}/v0/postings/{site}?mode=json&skip={skip}&limit={LEVER_PAGE}"
        answer = client.get(url, conditional=False)
        page = parse_json(answer, "a list of Lever postings", lambda body: isinstance(body, list))
        responses.append(_response(answer, page, "postings"))
        if len(page) < LEVER_PAGE:
            return responses
        skip += LEVER_PAGE


def usajobs_query(request: BoardRequest) -> str:
    """The filters both USAJOBS endpoints take (dates as the API's examples write them, MM-DD-YYYY)."""
    params = {}
    if request.series:
        params["PositionSeries"] = ",".join(request.series)
    if request.opened_from:
        params["StartPositionOpenDate"] = request.opened_from.strftime("%m-%d-%Y")
    if request.opened_to:
        params["EndPositionOpenDate"] = request.opened_to.strftime("%m-%d-%Y")
    return urllib.parse.urlencode(params, safe=",")


def lower_keys(record) -> dict:
    """A JSON object with lower-case keys: USAJOBS clients see ``jobCategories`` and ``jobcategories``."""
    return {str(k).lower(): v for k, v in record.items()} if isinstance(record, dict) else {}


def _usajobs_page(body) -> bool:
    return isinstance(body, dict) and isinstance(lower_keys(body).get("data"), list)


def usajobs_next(base: str, body) -> str | None:
    """The next page's URL from ``paging.next``: absolute, or a path resolved against the base URL's host."""
    nxt = lower_keys(lower_keys(body).get("paging")).get("next")
    if not nxt:
        return None
    return urllib.parse.urljoin(base + "/", str(nxt))


def fetch_usajobs(client: PoliteClient, base: str, request: BoardRequest, previous: dict | None = None) -> list[dict]:
    """Announcements, then their text, each followed page by page through ``paging.next``."""
    responses = []
    query = usajobs_query(request)
    for endpoint, path in (("historicjoa", "/api/historicjoa"), ("announcementtext", "/api/historicjoa/announcementtext")):
        url, seen = f"{base}{path}?{query}", set()
        while url:
            if url in seen:
                raise FetchFailed(f"{url}: paging.next points back to a page already read; stopped")
            seen.add(url)
            answer = client.get(url, conditional=False)
            body = parse_json(answer, "a USAJOBS page (an object with data[])", _usajobs_page)
            responses.append(_response(answer, body, endpoint))
            url = usajobs_next(base, body)
    return responses


PROVIDERS = {
    "greenhouse": Provider("greenhouse", "greenhouse_url", conditional=True,
                           fetch=_fetch_single("/v1/boards/{board}/jobs", "content=true&pay_transparency=true",
                                               "a Greenhouse job board (an object with jobs[])")),
    "lever": Provider("lever", "lever_url", conditional=False, paced=True, fetch=fetch_lever),
    "ashby": Provider("ashby", "ashby_url", conditional=True,
                      fetch=_fetch_single("/posting-api/job-board/{board}", "includeCompensation=true",
                                          "an Ashby job board (an object with jobs[])")),
    "usajobs": Provider("usajobs", "usajobs_url", conditional=False, fetch=fetch_usajobs),
}


def provider_named(name: str) -> Provider:
    if name not in PROVIDERS:
        raise UsageError(f"no job-board provider named {name!r}; known: {', '.join(PROVIDERS)}")
    return PROVIDERS[name]


def usajobs_request(series=(), opened_from: dt.date | None = None, opened_to: dt.date | None = None) -> BoardRequest:
    """The USAJOBS request for these series and opening dates; its board name labels the snapshot folder."""
    codes = tuple(s.strip() for s in series if s.strip())
    for code in codes:
        if not USAJOBS_SERIES.fullmatch(code):
            raise UsageError(f"{code!r} is not an occupational series (four digits, such as 1560 or 0343)")
    if opened_from and opened_to and opened_from > opened_to:
        raise UsageError(f"--from {opened_from} is after --to {opened_to}")
    board = "series-" + "-".join(codes) if codes else "all-series"
    return BoardRequest("usajobs", board, codes, opened_from, opened_to)
