"""Where job-board snapshots live under the downloads folder, and how they are written.

::

    DEST/<provider>/<board>/<UTC timestamp>.json   one snapshot: the raw answers, one JSON object on one line
    DEST/<provider>/.careerlens-etags.json         the ETag of each URL's last answer (conditional requests)

A snapshot is written to a hidden ``.part`` file first and renamed when
complete, so an interrupted run never leaves half a snapshot for ``careerlens
ingest`` to find. Names sort by time (``2026-12-07T010203Z.json``).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
from pathlib import Path

from careerlens.errors import CareerlensError
from careerlens.sources.boardrecords import SNAPSHOT_FORMAT, SNAPSHOT_KEY
from careerlens.storage import written_whole

ETAG_FILE = ".careerlens-etags.json"
STAMP = "%Y-%m-%dT%H%M%SZ"


def board_folder(dest: Path, provider: str, board: str) -> Path:
    return Path(dest) / provider / board


def snapshots_of(folder: Path) -> list[Path]:
    """The board's snapshots, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))


def fetched_on(folder: Path, day: dt.date) -> Path | None:
    """The board's latest snapshot taken on ``day`` (UTC), if any: a resumed run skips that board."""
    taken = [p for p in snapshots_of(folder) if p.name.startswith(day.isoformat())]
    return taken[-1] if taken else None


def read_previous(folder: Path) -> dict | None:
    """The board's latest snapshot, parsed; None when there is none or it cannot be read."""
    for path in reversed(snapshots_of(folder)):
        try:
            snapshot = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(snapshot, dict) and isinstance(snapshot.get("responses"), list):
            return snapshot
    return None


def make_snapshot(provider: str, board: str, fetched_at: dt.datetime, user_agent: str, responses: list[dict],
                  request: dict | None = None) -> dict:
    """The snapshot object: the provider first (formats are recognised by it), then where and when, then the answers."""
    snapshot = {SNAPSHOT_KEY: provider, "format": SNAPSHOT_FORMAT, "board": board,
                "fetched_at": fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ"), "user_agent": user_agent}
    if request:
        snapshot["request"] = request
    snapshot["responses"] = responses
    return snapshot


def write_snapshot(folder: Path, snapshot: dict, fetched_at: dt.datetime) -> Path:
    """Write ``snapshot`` as ``folder/<UTC timestamp>.json`` (a suffix keeps two snapshots of one second apart)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stem = fetched_at.strftime(STAMP)
        target, n = folder / f"{stem}.json", 1
        while target.exists():
            n += 1
            target = folder / f"{stem}-{n}.json"
        with written_whole(target) as part:
            part.write_text(json.dumps(snapshot, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise CareerlensError(f"disk full while writing a snapshot into {folder}: free some space and run "
                                  "the same command again (boards already saved are kept)") from exc
        raise CareerlensError(f"cannot write a snapshot into {folder}: {exc.strerror or exc}") from exc
    return target


def read_etags(dest: Path, provider: str) -> dict:
    try:
        etags = json.loads((Path(dest) / provider / ETAG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return etags if isinstance(etags, dict) else {}


def write_etags(dest: Path, provider: str, etags: dict) -> None:
    folder = Path(dest) / provider
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ETAG_FILE).write_text(json.dumps(etags, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    except OSError:
        pass  # only a cache: the next run asks unconditionally
