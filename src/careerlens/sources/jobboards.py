"""Job-board snapshots as formats: Greenhouse, Lever, Ashby and USAJOBS answers saved by ``careerlens fetch``.

A snapshot is recognised by its content (the ``careerlens_snapshot`` key that
opens it, naming the provider), whatever the file is called. Its postings are
read in Python (:mod:`careerlens.sources.boardrecords`: HTML to text, pay
ranges, places), handed to the shared postings load as ``board_records``, and
each accepted posting is recorded in ``posting_sightings`` with the snapshot's
fetch time, so that ``first_seen`` and ``last_seen`` span every snapshot that
listed it. A posting keeps the id it was first stored under for as long as the
provider's id is the same.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re

import pyarrow as pa

from careerlens.errors import InputError
from careerlens.normalise import load_postings
from careerlens.sources.base import LoadContext, LoadCounts, SourceFormat
from careerlens.sources.boardrecords import PROVIDER_NAMES, SNAPSHOT_KEY, BoardRecord, check_snapshot, snapshot_records
from careerlens.sources.probe import FileProbe, open_text

PROBLEM = pa.struct([("field", pa.string()), ("reason", pa.string()), ("raw_value", pa.string()),
                     ("action", pa.string())])
BOARD_RECORDS = pa.schema([
    ("source_row", pa.int64()), ("source_key", pa.string()), ("title", pa.string()), ("description", pa.string()),
    ("company", pa.string()), ("industry_raw", pa.string()), ("sector_raw", pa.string()),
    ("location_raw", pa.string()), ("employment_type", pa.string()), ("remote_raw", pa.bool_()),
    ("posted_date", pa.date32()), ("salary_text", pa.string()), ("salary_min", pa.float64()),
    ("salary_max", pa.float64()), ("salary_period", pa.string()), ("salary_currency", pa.string()),
    ("salary_kind", pa.string()), ("problems", pa.list_(PROBLEM)), ("url", pa.string()),
    ("department", pa.string()), ("closes_on", pa.date32()), ("occupational_series", pa.string()),
])


def snapshot_provider(path) -> str | None:
    """The provider a snapshot file names in its opening bytes, or None for any other file."""
    try:
        with open_text(path, errors="replace") as fh:
            head = fh.read(200)
    except (OSError, EOFError, ValueError):
        return None
    match = re.match(rf'\s*\{{\s*"{SNAPSHOT_KEY}"\s*:\s*"(\w+)"', head)
    return match.group(1) if match and match.group(1) in PROVIDER_NAMES else None


def read_snapshot(path) -> dict:
    """The snapshot in ``path``, parsed and checked; a truncated or malformed file is an :class:`InputError`."""
    try:
        with open_text(path) as fh:
            text = fh.read()
    except (OSError, EOFError, UnicodeError) as exc:
        raise InputError(f"cannot read the snapshot: {exc}", file=path) from exc
    try:
        snapshot = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg} at character {exc.pos} of {len(text)}): the snapshot is "
                         "truncated or damaged; fetch the board again", file=path, row=exc.lineno, line=True) from exc
    return check_snapshot(snapshot, file=path)


@functools.cache
def series_with_soc() -> frozenset[str]:
    """The occupational series ``data/taxonomy/usajobs_series_soc.csv`` maps to a SOC code."""
    from careerlens.resources import data_text

    return frozenset(row["series"].strip() for row in csv.DictReader(io.StringIO(data_text("taxonomy", "usajobs_series_soc.csv"))))


def records_table(records: list[BoardRecord]) -> pa.Table:
    """The records as the ``board_records`` relation the staging query reads."""
    rows = [{
        "source_row": i, "source_key": r.source_key, "title": r.title, "description": r.description,
        "company": r.company, "industry_raw": r.industry_raw, "sector_raw": r.sector_raw,
        "location_raw": r.location_raw, "employment_type": r.employment_type, "remote_raw": r.remote_raw,
        "posted_date": r.posted_date, "salary_text": r.pay.text, "salary_min": r.pay.low, "salary_max": r.pay.high,
        "salary_period": r.pay.period, "salary_currency": r.pay.currency,
        "salary_kind": "employer" if r.pay.low is not None or r.pay.high is not None else None,
        "problems": r.problems, "url": r.url, "department": r.department, "closes_on": r.closes_on,
        "occupational_series": r.occupational_series,
    } for i, r in enumerate(records, start=1)]
    return pa.Table.from_pylist(rows, schema=BOARD_RECORDS)


def load_snapshot(ctx: LoadContext) -> LoadCounts:
    """Load one snapshot: its postings through the shared postings load, then their sightings."""
    snapshot = read_snapshot(ctx.path)
    records = snapshot_records(snapshot, series_with_soc())
    seen_at = snapshot["fetched_at"].replace("Z", "").replace("+00:00", "")
    with ctx.db.registered("board_records", records_table(records)):
        counts = load_postings(ctx, "sources/jobboard", before_insert="boards/keep_posting_ids")
        ctx.run("boards/record_sightings", provider=snapshot[SNAPSHOT_KEY], board=snapshot["board"],
                seen_at=seen_at, jobs=len(records))
        ctx.run("normalise/series_soc")
    notes = [f"{snapshot[SNAPSHOT_KEY]} board {snapshot['board']!r} as listed at {snapshot['fetched_at']}"]
    if not records:
        notes.append("the board listed no jobs: postings seen before are now closed")
    if counts.rows_duplicate:
        notes.append(f"{counts.rows_duplicate} already stored (seen in an earlier snapshot, or the same text "
                     "from another source): last_seen updated")
    counts.notes = "; ".join(notes)
    return counts


def _format(provider: str, summary: str) -> SourceFormat:
    def detect(probe: FileProbe) -> bool:
        return probe.suffix == ".json" and snapshot_provider(probe.path) == provider

    return SourceFormat(name=f"{provider}_snapshot", kind="postings", summary=summary, detect=detect,
                        load=load_snapshot, examples=(f"data-downloads/{provider}/BOARD/2026-12-07T010203Z.json",))


FORMATS = [
    _format("greenhouse", "Greenhouse job board answers saved by `careerlens fetch greenhouse BOARD`"),
    _format("lever", "Lever postings pages saved by `careerlens fetch lever SITE`"),
    _format("ashby", "Ashby job board answers saved by `careerlens fetch ashby BOARD`"),
    _format("usajobs", "USAJOBS historic announcements and their text saved by `careerlens fetch usajobs`"),
]
