"""A job-board API on 127.0.0.1 for the tests: serves the fixtures in tests/fixtures/boards, misbehaves on request.

``server.route(path, *answers)`` queues answers for a path (query string left
out): each request takes the next one, and the last repeats. An answer is a
fixture name (served as JSON with an ETag), an :class:`Answer`, or a status
code. Every request is recorded with its query and headers.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "boards"


def fixture(name: str):
    """A fixture's JSON, parsed (to change a copy in a test)."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)

    @classmethod
    def json(cls, value, status: int = 200, **headers) -> "Answer":
        body = json.dumps(value).encode()
        return cls(status, body, {"Content-Type": "application/json",
                                  "ETag": f'"{hashlib.md5(body).hexdigest()}"', **headers})


@dataclass
class Request:
    path: str
    query: dict
    headers: dict
    at: float


class JobBoardServer(ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, list] = {}
        self.requests: list[Request] = []
        self.in_flight = self.most_in_flight = 0
        self.delay = 0.0
        self._lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def route(self, path: str, *answers):
        self.routes[path] = list(answers)

    def requests_to(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def next_answer(self, path: str) -> Answer:
        with self._lock:
            queue = self.routes.get(path)
            if not queue:
                return Answer(404, b'{"ok": false, "error": "Document not found"}', {"Content-Type": "application/json"})
            answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, int):
            return Answer(answer, b"{}", {"Content-Type": "application/json"})
        if isinstance(answer, str):
            return Answer.json(fixture(answer))
        return answer


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        server: JobBoardServer = self.server
        parts = urllib.parse.urlsplit(self.path)
        with server._lock:
            server.requests.append(Request(parts.path, dict(urllib.parse.parse_qsl(parts.query)), dict(self.headers),
                                           time.monotonic()))
            server.in_flight += 1
            server.most_in_flight = max(server.most_in_flight, server.in_flight)
        try:
            time.sleep(server.delay)
            answer = server.next_answer(parts.path)
        finally:
            # Done before the answer is sent: once it is, the client may send its next request before this
            # thread runs again, and counting both would find one request too many in flight.
            with server._lock:
                server.in_flight -= 1
        etag = answer.headers.get("ETag")
        if answer.status == 200 and etag and self.headers.get("If-None-Match") == etag:
            answer = Answer(304, b"", {"ETag": etag})
        self.send_response(answer.status)
        for key, value in answer.headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)
