"""A job-board snapshot read as posting records: one function per provider, from its documented fields.

A snapshot (written by ``careerlens fetch greenhouse|lever|ashby|usajobs``) is
one JSON object on one line::

    {"careerlens_snapshot": "greenhouse", "format": 1, "board": "acme",
     "fetched_at": "2026-12-07T01:02:03Z", "user_agent": "...",
     "responses": [{"endpoint": "jobs", "url": "...", "status": 200, "etag": "...", "body": {...}}]}

``body`` is the API's answer as it came. :func:`snapshot_records` turns it into
:class:`BoardRecord` s: the columns ``staged_postings`` takes (see
``queries/postings/prepare.sql``), the posting's stable id
(``greenhouse:{board}:{id}``, ``usajobs:{control number}``) and what only job
boards carry (URL, department, closing date, occupational series). Problems a
record has (no title, a refused pay range, a script in the text) are listed in
``problems`` as the shared load records them.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from dataclasses import dataclass, field

from careerlens.errors import InputError
from careerlens.sources.boardpay import Pay, PayRange, combine, greenhouse_period, number, period_of
from careerlens.sources.boardtext import has_script, plain_description, unescape_until_stable

SNAPSHOT_KEY = "careerlens_snapshot"
SNAPSHOT_FORMAT = 1
PROVIDER_NAMES = ("greenhouse", "lever", "ashby", "usajobs")


@dataclass
class BoardRecord:
    """One posting of a snapshot, ready for ``staged_postings``."""

    source_key: str
    provider_id: str | None
    title: str | None
    description: str | None
    company: str | None
    location_raw: str | None = None
    remote_raw: bool | None = None
    posted_date: dt.date | None = None
    employment_type: str | None = None
    industry_raw: str | None = None
    sector_raw: str | None = None
    pay: Pay = field(default_factory=Pay)
    url: str | None = None
    department: str | None = None
    closes_on: dt.date | None = None
    occupational_series: str | None = None
    problems: list[dict] = field(default_factory=list)

    def reject(self, field_name: str, reason: str, raw=None):
        self.problems.append({"field": field_name, "reason": reason,
                              "raw_value": None if raw is None else str(raw)[:200], "action": "row_rejected"})

    def clear(self, field_name: str, reason: str, raw=None):
        self.problems.append({"field": field_name, "reason": reason,
                              "raw_value": None if raw is None else str(raw)[:200], "action": "field_cleared"})


def _text(value) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _get(record, *path):
    for key in path:
        record = record.get(key) if isinstance(record, dict) else None
    return record


def parse_date(value) -> dt.date | None:
    """A date from ISO text ("2026-03-01", "2026-03-01T09:30:00-05:00", "...Z") or epoch milliseconds.

    >>> parse_date("2026-03-01T09:30:00-05:00"), parse_date(1772323200000)
    (datetime.date(2026, 3, 1), datetime.date(2026, 3, 1))
    """
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value / 1000, dt.timezone.utc).date()
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(text) from None


def _dated(record: BoardRecord, field_name: str, value) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        record.clear(field_name, "date not understood (expected an ISO date or epoch milliseconds)", value)
        return None


def _describe(record: BoardRecord, *parts) -> str | None:
    """The plain description, noting a script element removed from the HTML."""
    if any(isinstance(p, str) and has_script(unescape_until_stable(p)) for p in parts):
        record.clear("description", "script element removed from the description (code, not posting text)")
    return plain_description(*parts)


def _finish(record: BoardRecord, raw_id) -> BoardRecord:
    if raw_id is None or _text(raw_id) is None:
        record.reject("id", "job without an id (the provider's id is what keeps a posting one across snapshots)")
    if record.title is None:
        record.reject("title", "job without a title", None)
    for problem in record.pay.problems:
        record.problems.append(problem)
    return record


@functools.cache
def _country_names() -> dict[str, str]:
    from careerlens.resources import data_text

    rows = csv.DictReader(io.StringIO(data_text("taxonomy", "countries.csv")))
    return {row["iso2"].strip().upper(): row["name"].strip() for row in rows}


def place(*parts) -> str | None:
    """'City, Region, Country' from the parts given (ISO alpha-2 countries spelled out), for the location mapping.

    >>> place("Austin", "TX", "US"), place("Leeds", None, "GB")
    ('Austin, TX, United States', 'Leeds, United Kingdom')
    """
    texts = [_text(p) for p in parts]
    if texts and texts[-1] and len(texts[-1]) == 2 and texts[-1].isalpha():
        texts[-1] = _country_names().get(texts[-1].upper(), texts[-1])
    shown = [t for t in texts if t]
    return ", ".join(shown) or None


# -- Greenhouse -----------------------------------------------------------------------------
def greenhouse_records(snapshot: dict) -> list[BoardRecord]:
    """``jobs[]`` of ``GET /v1/boards/{board}/jobs?content=true&pay_transparency=true``."""
    board = snapshot["board"]
    records = []
    for job in _jobs(snapshot, "jobs"):
        raw_id = job.get("id")
        record = BoardRecord(
            source_key=f"greenhouse:{board}:{raw_id}", provider_id=_text(raw_id), title=_text(job.get("title")),
            description=None, company=_text(job.get("company_name")) or board,
            location_raw=_text(_get(job, "location", "name")), url=_text(job.get("absolute_url")),
            department=", ".join(d for d in (_text(_get(x, "name")) for x in job.get("departments") or []) if d) or None)
        record.description = _describe(record, job.get("content"))
        record.posted_date = _dated(record, "first_published", job.get("first_published") or job.get("updated_at"))
        record.pay = combine([
            PayRange(_text(r.get("currency_type")), _cents(r.get("min_cents")), _cents(r.get("max_cents")),
                     greenhouse_period(_text(r.get("title")) or "", r.get("max_cents")), _text(r.get("title")) or "")
            for r in job.get("pay_input_ranges") or [] if isinstance(r, dict)])
        records.append(_finish(record, raw_id))
    return records


def _cents(value) -> float | None:
    amount = number(value)
    return None if amount is None else amount / 100


# -- Lever ----------------------------------------------------------------------------------
LEVER_REMOTE = {"remote": True, "on-site": False, "onsite": False, "hybrid": False}


def lever_records(snapshot: dict) -> list[BoardRecord]:
    """The postings lists of ``GET /v0/postings/{site}?mode=json`` (every page)."""
    site = snapshot["board"]
    records = []
    for job in _jobs(snapshot, None):
        raw_id = job.get("id")
        categories = job.get("categories") if isinstance(job.get("categories"), dict) else {}
        record = BoardRecord(
            source_key=f"lever:{site}:{raw_id}", provider_id=_text(raw_id), title=_text(job.get("text")),
            description=None, company=site,
            location_raw=_lever_place(_text(categories.get("location")), _text(job.get("country"))),
            remote_raw=LEVER_REMOTE.get(str(job.get("workplaceType") or "").lower()),
            employment_type=_text(categories.get("commitment")), url=_text(job.get("hostedUrl")),
            department=", ".join(t for t in (_text(categories.get("department")), _text(categories.get("team"))) if t)
            or None)
        lists = []
        for item in job.get("lists") or []:
            if isinstance(item, dict):
                lists.extend([f"<p>{_text(item.get('text')) or ''}</p>", item.get("content")])
        body = job.get("descriptionPlain") if job.get("descriptionPlain") else job.get("description")
        record.description = _describe(record, body, *lists,
                                       job.get("additionalPlain") or job.get("additional"))
        record.posted_date = _dated(record, "createdAt", job.get("createdAt"))
        salary = job.get("salaryRange")
        if isinstance(salary, dict):
            record.pay = combine([PayRange(_text(salary.get("currency")), number(salary.get("min")),
                                           number(salary.get("max")), period_of(salary.get("interval")),
                                           _text(salary.get("interval")) or "")])
        records.append(_finish(record, raw_id))
    return records


def _lever_place(location: str | None, country: str | None) -> str | None:
    if not country:
        return location
    name = _country_names().get(country.upper(), country)
    if location and (country.lower() in location.lower().replace(",", " ").split() or name.lower() in location.lower()):
        return location
    return place(location, country)


# -- Ashby ----------------------------------------------------------------------------------
ASHBY_REMOTE = {"remote": True, "onsite": False, "on-site": False, "hybrid": False}


def ashby_records(snapshot: dict) -> list[BoardRecord]:
    """Listed ``jobs[]`` of ``GET /posting-api/job-board/{board}?includeCompensation=true``."""
    board = snapshot["board"]
    records = []
    for job in _jobs(snapshot, "jobs"):
        if job.get("isListed") is False:
            continue
        raw_id = job.get("id")
        postal = _get(job, "address", "postalAddress") or {}
        remote = job.get("isRemote") if isinstance(job.get("isRemote"), bool) else None
        if str(job.get("workplaceType") or "").lower() in ASHBY_REMOTE:
            remote = remote or ASHBY_REMOTE[str(job["workplaceType"]).lower()]
        record = BoardRecord(
            source_key=f"ashby:{board}:{raw_id}", provider_id=_text(raw_id), title=_text(job.get("title")),
            description=None, company=board,
            location_raw=place(postal.get("addressLocality"), postal.get("addressRegion"), postal.get("addressCountry"))
            if isinstance(postal, dict) and any(postal.get(k) for k in ("addressLocality", "addressRegion", "addressCountry"))
            else _text(job.get("location")),
            remote_raw=remote, employment_type=_text(job.get("employmentType")), url=_text(job.get("jobUrl")),
            department=", ".join(t for t in (_text(job.get("department")), _text(job.get("team"))) if t) or None)
        record.description = _describe(record, job.get("descriptionPlain") or job.get("descriptionHtml"))
        record.posted_date = _dated(record, "publishedAt", job.get("publishedAt"))
        record.pay = combine([
            PayRange(_text(c.get("currencyCode")), number(c.get("minValue")), number(c.get("maxValue")),
                     period_of(c.get("interval")), _text(tier.get("title")) or "")
            for tier in _get(job, "compensation", "compensationTiers") or [] if isinstance(tier, dict)
            for c in tier.get("components") or []
            if isinstance(c, dict) and str(c.get("compensationType") or "").lower() == "salary"])
        records.append(_finish(record, raw_id))
    return records


# -- USAJOBS --------------------------------------------------------------------------------
def _lower(record) -> dict:
    return {str(k).lower(): v for k, v in record.items()} if isinstance(record, dict) else {}


def usajobs_records(snapshot: dict, series_with_soc=frozenset()) -> list[BoardRecord]:
    """Announcements of ``/api/historicjoa`` joined to ``/api/historicjoa/announcementtext`` by control number.

    Keys are read whatever their case (``positionLocations`` or ``positionlocations``).
    ``series_with_soc`` are the series the crosswalk maps: of several series, the first
    mapped one is kept.
    """
    texts = {}
    for item in _jobs(snapshot, "data", endpoint="announcementtext"):
        item = _lower(item)
        texts[_text(item.get("usajobscontrolnumber"))] = item
    records = []
    for job in _jobs(snapshot, "data", endpoint="historicjoa"):
        job = _lower(job)
        raw_id = job.get("usajobscontrolnumber")
        control = _text(raw_id)
        text = texts.get(control, {})
        locations = [_lower(x) for x in job.get("positionlocations") or [] if isinstance(x, dict)]
        first = locations[0] if locations else {}
        series = [s for s in (_text(_lower(c).get("series")) for c in job.get("jobcategories") or []) if s]
        chosen = next((s for s in series if s in series_with_soc), series[0] if series else None)
        telework = str(job.get("teleworkeligible") or "").strip().upper() in ("Y", "YES", "TRUE")
        schedule = _text(job.get("workschedule"))
        record = BoardRecord(
            source_key=f"usajobs:{control}", provider_id=control, title=_text(job.get("positiontitle")),
            description=None, company=_text(job.get("hiringagencyname")) or _text(job.get("hiringdepartmentname")),
            industry_raw=_text(job.get("hiringdepartmentname")), sector_raw="Federal Agencies",
            location_raw=place(first.get("positionlocationcity"), first.get("positionlocationstate"),
                               first.get("positionlocationcountry")),
            employment_type="; ".join(t for t in (schedule, "telework eligible" if telework else None) if t) or None,
            url=f"https://www.usajobs.gov/job/{control}" if control else None,
            department=_text(job.get("hiringdepartmentname")), occupational_series=chosen)
        record.description = _describe(record, text.get("summary"), text.get("duties"),
                                       text.get("requirementsqualifications"), text.get("requirementseducation"))
        record.posted_date = _dated(record, "positionOpenDate", job.get("positionopendate"))
        record.closes_on = _dated(record, "positionCloseDate", job.get("positionclosedate"))
        record.pay = combine([PayRange("USD", number(job.get("minimumsalary")), number(job.get("maximumsalary")),
                                       period_of(job.get("salarytype")), _text(job.get("salarytype")) or "")])
        records.append(_finish(record, raw_id))
    return records


# -- the snapshot ---------------------------------------------------------------------------
def _jobs(snapshot: dict, key: str | None, endpoint: str | None = None):
    """The job objects of every response (of ``endpoint`` when given): ``body[key]``, or the body itself."""
    for i, response in enumerate(snapshot["responses"]):
        if endpoint is not None and response.get("endpoint") != endpoint:
            continue
        body = response.get("body")
        jobs = _lower(body).get(key.lower()) if key == "data" else (body.get(key) if key and isinstance(body, dict)
                                                                     else body)
        if not isinstance(jobs, list):
            raise InputError(f"expected a list of jobs{f' under {key!r}' if key else ''} in the answer from "
                             f"{response.get('url')}", file=snapshot.get("_file"), field=f"responses[{i}].body")
        for job in jobs:
            yield job if isinstance(job, dict) else {}


RECORD_READERS = {"greenhouse": greenhouse_records, "lever": lever_records, "ashby": ashby_records,
                  "usajobs": usajobs_records}


def check_snapshot(snapshot, file=None) -> dict:
    """The snapshot, checked for the envelope's fields; an :class:`InputError` names what is missing."""
    if not isinstance(snapshot, dict) or snapshot.get(SNAPSHOT_KEY) not in PROVIDER_NAMES:
        raise InputError(f"not a careerlens job-board snapshot (no {SNAPSHOT_KEY!r} naming "
                         f"{', '.join(PROVIDER_NAMES)})", file=file)
    for key, kind in (("board", str), ("fetched_at", str), ("responses", list)):
        if not isinstance(snapshot.get(key), kind) or not snapshot.get(key):
            raise InputError(f"missing or empty {key!r}", file=file, field=key)
    try:
        dt.datetime.fromisoformat(snapshot["fetched_at"].replace("Z", "+00:00"))
    except ValueError:
        raise InputError("not an ISO timestamp", file=file, field="fetched_at") from None
    for i, response in enumerate(snapshot["responses"]):
        if not isinstance(response, dict) or "body" not in response:
            raise InputError("a response without a body", file=file, field=f"responses[{i}]")
    return {**snapshot, "_file": file}


def snapshot_records(snapshot: dict, series_with_soc=frozenset()) -> list[BoardRecord]:
    """Every posting record of a checked snapshot (see :func:`check_snapshot`)."""
    provider = snapshot[SNAPSHOT_KEY]
    if provider == "usajobs":
        return usajobs_records(snapshot, series_with_soc)
    return RECORD_READERS[provider](snapshot)
