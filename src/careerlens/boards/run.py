"""Fetch current postings from public job-board APIs into dated snapshots: many boards, politely, resumably.

:func:`fetch_boards` asks each board of one provider (four at a time at most;
Lever one request a second), writes each answer as a snapshot under
``DEST/<provider>/<board>/`` and compares it with the board's previous
snapshot: postings new since then, and postings closed (listed before, not now).
A board that answers 404, an HTML page or broken JSON is reported and skipped;
the others go on. With ``resume``, a board that already has a snapshot taken
today (UTC) is not asked again, so an interrupted run of a long list picks up
where it stopped.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from careerlens import settings
from careerlens.boards.http import BoardNotFound, FetchFailed, PoliteClient
from careerlens.boards.providers import BoardRequest, Provider, provider_named
from careerlens.boards.snapshots import (board_folder, fetched_on, make_snapshot, read_etags, read_previous,
                                         write_etags, write_snapshot)
from careerlens.errors import CareerlensError, InputError
from careerlens.sources.boardrecords import SNAPSHOT_KEY, check_snapshot, snapshot_records

MAX_IN_FLIGHT = 4


@dataclass
class BoardOutcome:
    """What happened to one board: ``fetched``, ``not_modified`` (304, saved again), ``already_today``,
    ``not_found`` or ``failed``."""

    provider: str
    board: str
    status: str
    path: Path | None = None
    message: str = ""
    postings: int = 0
    new: int = 0
    closed: int = 0
    with_pay: int = 0

    @property
    def saved(self) -> bool:
        return self.status in ("fetched", "not_modified")


@dataclass
class BoardsResult:
    """Every board's outcome, and the totals the command prints."""

    provider: str
    outcomes: list[BoardOutcome] = field(default_factory=list)
    requests: int = 0

    def _sum(self, name: str) -> int:
        return sum(getattr(o, name) for o in self.outcomes if o.saved)

    @property
    def fetched(self) -> list[BoardOutcome]:
        return [o for o in self.outcomes if o.saved]

    @property
    def paths(self) -> list[Path]:
        return [o.path for o in self.outcomes if o.saved and o.path is not None]

    @property
    def postings(self) -> int:
        return self._sum("postings")

    @property
    def new(self) -> int:
        return self._sum("new")

    @property
    def closed(self) -> int:
        return self._sum("closed")

    @property
    def with_pay(self) -> int:
        return self._sum("with_pay")

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


def read_board_list(path) -> list[str]:
    """Board names from a file: one a line, ``#`` starts a comment, blank lines skipped."""
    from careerlens.boards.providers import BOARD_NAME

    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError) as exc:
        raise InputError(f"cannot read the board list: {exc}", file=path) from exc
    boards = []
    for number, line in enumerate(lines, start=1):
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        if not BOARD_NAME.fullmatch(name):
            raise InputError(f"{name!r} is not a board name (letters, digits, '.', '_' and '-' only)",
                             file=path, row=number, line=True)
        if name not in boards:
            boards.append(name)
    return boards


def _ids_and_pay(snapshot: dict) -> tuple[set[str], int]:
    records = [r for r in snapshot_records(check_snapshot(snapshot)) if
               not any(p["action"] == "row_rejected" for p in r.problems)]
    return {r.source_key for r in records}, sum(r.pay.low is not None or r.pay.high is not None for r in records)


def _fetch_one(provider: Provider, client: PoliteClient, base: str, request: BoardRequest, dest: Path,
               resume: bool, clock: Callable[[], dt.datetime]) -> BoardOutcome:
    folder = board_folder(dest, provider.name, request.board)
    now = clock()
    if resume:
        done = fetched_on(folder, now.date())
        if done is not None:
            return BoardOutcome(provider.name, request.board, "already_today", done,
                                "already fetched today (UTC); --force asks again")
    previous = read_previous(folder)
    try:
        earlier = None
        if previous and provider.conditional and previous.get("responses"):
            earlier = previous["responses"][0]
        responses = provider.fetch(client, base, request, earlier)
    except BoardNotFound as exc:
        return BoardOutcome(provider.name, request.board, "not_found", message=f"{exc}: no such board; skipped")
    except FetchFailed as exc:
        return BoardOutcome(provider.name, request.board, "failed", message=f"{exc}; skipped")
    requested = {"series": list(request.series), "from": request.opened_from and request.opened_from.isoformat(),
                 "to": request.opened_to and request.opened_to.isoformat()} if provider.name == "usajobs" else None
    snapshot = make_snapshot(provider.name, request.board, now, client.user_agent, responses, requested)
    try:
        ids, with_pay = _ids_and_pay(snapshot)
    except InputError as exc:
        return BoardOutcome(provider.name, request.board, "failed", message=f"{exc.reason}; skipped")
    before = _ids_and_pay(previous)[0] if previous and previous.get(SNAPSHOT_KEY) == provider.name else None
    path = write_snapshot(folder, snapshot, now)
    status = "not_modified" if any(r.get("status") == 304 for r in responses) else "fetched"
    return BoardOutcome(provider.name, request.board, status, path,
                        "no open jobs" if not ids else "", postings=len(ids),
                        new=len(ids - before) if before is not None else len(ids),
                        closed=len(before - ids) if before is not None else 0, with_pay=with_pay)


def _checked(provider: Provider, client: PoliteClient, base: str, request: BoardRequest, dest: Path,
             resume: bool, clock) -> BoardOutcome:
    try:
        return _fetch_one(provider, client, base, request, dest, resume, clock)
    except CareerlensError as exc:
        if "disk full" in str(exc):
            raise
        return BoardOutcome(provider.name, request.board, "failed", message=str(exc))


def fetch_boards(provider_name: str, requests: list[BoardRequest], dest=None, *, resume: bool = False,
                 progress: Callable[[BoardOutcome, int, int], None] | None = None, user_agent: str | None = None,
                 client_options: dict | None = None, clock: Callable[[], dt.datetime] | None = None) -> BoardsResult:
    """Fetch every board in ``requests`` (one provider) into snapshots under ``dest``.

    Parameters
    ----------
    provider_name : str
        ``greenhouse``, ``lever``, ``ashby`` or ``usajobs``.
    requests : list of BoardRequest
        The boards (for USAJOBS, one request with its series and dates).
    dest : str or Path, optional
        The downloads folder (default ``$CAREERLENS_DOWNLOADS``, ``./data-downloads``).
    resume : bool
        Skip boards that already have a snapshot taken today (UTC).
    progress : callable, optional
        ``progress(outcome, done, total)`` after each board.
    user_agent : str, optional
        Default: :func:`careerlens.fetch.default_user_agent` (``$CAREERLENS_USER_AGENT``).
    client_options : dict, optional
        Passed to :class:`~careerlens.boards.http.PoliteClient` (retries, backoff, min_interval: tests).
    clock : callable, optional
        Returns the current UTC time (tests).

    Returns
    -------
    BoardsResult
        Raises :class:`CareerlensError` only for what stops every board (a disk full).
    """
    from careerlens.fetch import default_user_agent

    provider = provider_named(provider_name)
    dest = Path(dest if dest is not None else settings.get("downloads"))
    base = provider.base_url()
    clock = clock or (lambda: dt.datetime.now(dt.timezone.utc))
    paced = {urllib.parse.urlsplit(base).netloc} if provider.paced else set()
    etags = read_etags(dest, provider.name) if provider.conditional else {}
    result = BoardsResult(provider.name)
    with PoliteClient(user_agent=user_agent or default_user_agent(), max_in_flight=MAX_IN_FLIGHT, paced_hosts=paced,
                      etags=etags, **(client_options or {})) as client:
        with concurrent.futures.ThreadPoolExecutor(max_workers=MAX_IN_FLIGHT) as pool:
            futures = [pool.submit(_checked, provider, client, base, request, dest, resume, clock)
                       for request in requests]
            by_board = {}
            for done, future in enumerate(concurrent.futures.as_completed(futures), start=1):
                outcome = future.result()
                by_board[outcome.board] = outcome
                if progress:
                    progress(outcome, done, len(requests))
        result.outcomes = [by_board[r.board] for r in requests if r.board in by_board]
        result.requests = client.requests_made
        if provider.conditional:
            write_etags(dest, provider.name, client.etags)
    return result
