"""A polite HTTP client for job-board APIs: few requests at once, paced per host, retried, conditional.

Every request goes through one :class:`PoliteClient`:

- at most ``max_in_flight`` requests (4) in flight at once, whatever the host;
- hosts named in ``paced_hosts`` get one request at a time and at least
  ``min_interval`` seconds (1) between the start of two requests (Lever asks
  for that);
- a 429 or 5xx answer, or a dropped connection, is tried again after a backoff
  (doubling from ``backoff`` seconds), or after the server's ``Retry-After``
  when it sends one;
- a URL answered with an ``ETag`` before is asked with ``If-None-Match``, and a
  304 comes back as :attr:`Answer.not_modified`.

It uses httpx (connection reuse, timeouts, a thread-safe client); the library
never prints: callers report what happened.
"""

from __future__ import annotations

import email.utils
import threading
import time
import urllib.parse
from dataclasses import dataclass

import httpx

from careerlens.errors import CareerlensError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchFailed(CareerlensError):
    """A request that did not get a usable answer: the board it was for is reported and skipped."""


class BoardNotFound(FetchFailed):
    """The API answered 404: no board of that name (or it has been closed)."""


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: its status, body text and validator."""

    url: str
    status: int
    text: str
    etag: str | None = None
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait: a number of seconds, or an HTTP date.

    >>> retry_after_seconds("3")
    3.0
    >>> retry_after_seconds("soon") is None
    True
    """
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class PoliteClient:
    """Shared by the threads of one fetch; see the module docstring for the rules it keeps.

    Parameters
    ----------
    user_agent : str
        Sent with every request.
    max_in_flight : int
        Requests in flight at once, over all hosts.
    paced_hosts : iterable of str
        Hosts (``api.lever.co``, or ``127.0.0.1:8123`` in tests) asked one request at a time,
        ``min_interval`` seconds apart.
    min_interval : float
        Seconds between two requests to a paced host.
    retries : int
        Further attempts after a 429, a 5xx or a dropped connection.
    backoff : float
        Seconds before the first retry when the server gives no ``Retry-After``; doubles each time.
    max_wait : float
        The longest wait honoured for one ``Retry-After``: a server asking for longer fails the request.
    timeout : float
        Seconds to wait for the server (connect, or a stalled read).
    etags : dict, optional
        URL -> ETag from earlier runs; updated as answers arrive.
    sleep : callable
        ``time.sleep``, replaceable in tests.
    """

    def __init__(self, *, user_agent: str, max_in_flight: int = 4, paced_hosts=(), min_interval: float = 1.0,
                 retries: int = 4, backoff: float = 1.0, max_wait: float = 120.0, timeout: float = 60.0,
                 etags: dict | None = None, sleep=time.sleep):
        self.user_agent = user_agent
        self.min_interval, self.retries, self.backoff, self.max_wait = min_interval, retries, backoff, max_wait
        self.paced_hosts = frozenset(paced_hosts)
        self.etags = dict(etags or {})
        self._sleep = sleep
        self._in_flight = threading.BoundedSemaphore(max_in_flight)
        self._host_locks: dict[str, threading.Lock] = {}
        self._last_start: dict[str, float] = {}
        self._guard = threading.Lock()
        self.requests_made = 0
        self._client = httpx.Client(headers={"User-Agent": user_agent, "Accept": "application/json"},
                                    timeout=timeout, follow_redirects=True)

    def close(self):
        self._client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def get(self, url: str, *, conditional: bool = True) -> Answer:
        """GET ``url``, retrying as the rules say; a 404 raises :class:`BoardNotFound`, other failures :class:`FetchFailed`."""
        headers = {}
        etag = self.etags.get(url) if conditional else None
        if etag:
            headers["If-None-Match"] = etag
        attempt = 0
        while True:
            try:
                response = self._send(url, headers)
            except httpx.HTTPError as exc:
                if attempt >= self.retries:
                    host = urllib.parse.urlsplit(url).netloc
                    raise FetchFailed(f"cannot reach {host} ({type(exc).__name__}: {exc}) after "
                                      f"{attempt + 1} attempts: check the network and run again") from exc
                self._sleep(self.backoff * 2 ** attempt)
                attempt += 1
                continue
            if response.status_code in RETRY_STATUSES and attempt < self.retries:
                asked = retry_after_seconds(response.headers.get("Retry-After"))
                if asked is not None and asked > self.max_wait:
                    raise FetchFailed(f"HTTP {response.status_code} from {url}: the server asks to wait "
                                      f"{asked:.0f} s before trying again; run again later")
                self._sleep(asked if asked is not None else self.backoff * 2 ** attempt)
                attempt += 1
                continue
            return self._answer(url, response)

    def _send(self, url: str, headers: dict) -> httpx.Response:
        host = urllib.parse.urlsplit(url).netloc
        with self._in_flight:
            if host not in self.paced_hosts:
                return self._count(self._client.get(url, headers=headers))
            with self._guard:
                lock = self._host_locks.setdefault(host, threading.Lock())
            with lock:
                wait = self._last_start.get(host, -1e9) + self.min_interval - time.monotonic()
                if wait > 0:
                    self._sleep(wait)
                self._last_start[host] = time.monotonic()
                return self._count(self._client.get(url, headers=headers))

    def _count(self, response: httpx.Response) -> httpx.Response:
        with self._guard:
            self.requests_made += 1
        return response

    def _answer(self, url: str, response: httpx.Response) -> Answer:
        status = response.status_code
        if status == 404:
            raise BoardNotFound(f"HTTP 404 Not Found: {url}")
        if status not in (200, 304):
            raise FetchFailed(f"HTTP {status} {response.reason_phrase} from {url}"
                              + (f" after {self.retries + 1} attempts" if status in RETRY_STATUSES else ""))
        etag = response.headers.get("ETag")
        if etag and status == 200:
            with self._guard:
                self.etags[url] = etag
        return Answer(url=url, status=status, text=response.text if status == 200 else "",
                      etag=etag or self.etags.get(url), content_type=response.headers.get("Content-Type", ""))
