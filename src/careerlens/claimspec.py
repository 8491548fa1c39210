"""A curriculum's ``[[claims]]``: what a programme promises about careers, in a form careerlens can check.

Each claim keeps the statement as published (``text``) and says what it
asserts in one of the kinds of :data:`KINDS`. Claims are validated with the rest
of the curriculum file (errors name the file, the line and the key) and checked
by :mod:`careerlens.claims`. Format: ``docs/curriculum-format.md``.
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import re
from dataclasses import dataclass

from careerlens.resources import data_text
from careerlens.tomlcheck import check_keys, number_value, text_value

SOC_CODE = re.compile(r"^\d{2}-\d{4}$")
PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
#: What a salary claim may say its medians vary by.
DIMENSIONS = ("industry", "state", "national")
#: The OEWS percentiles a ``salary_level`` claim may name; 50 is the median.
PERCENTILES = (10, 25, 50, 75, 90)

COMMON = {"text", "kind"}
#: Per kind: (required keys, optional keys, what it asserts). ``occupation`` is a careerlens role or a SOC code.
KINDS = {
    "salary_median_range": (COMMON | {"occupation", "low", "high"}, {"varies_by"},
                            "the occupation's median annual wage ranges from low to high across varies_by"),
    "salary_level": (COMMON | {"occupation", "amount"}, {"percentile"},
                     "the occupation earns over amount a year, at a percentile (median by default)"),
    "demand_share": (COMMON | {"share"}, {"topic", "role", "roles", "sectors"},
                     "a topic (or role) is asked for by at least share of postings in roles / sectors"),
    "demand_trend": (COMMON | {"from", "to"}, {"topic", "role", "roles", "sectors"},
                     "a topic's (or role's) share of postings grows from one period to a later one"),
    "roles_and_industries": (COMMON | {"roles", "sectors"}, set(),
                             "the roles are found in postings, and OEWS counts their occupations employed in "
                             "the sectors"),
}


@dataclass(frozen=True)
class Claim:
    """One checkable claim of a curriculum (only the fields of its kind are set).

    ``occupation`` is a SOC code (``15-2051``); ``role`` the careerlens role it was written as, if any.
    ``unknown_roles`` are roles careerlens has no close match for: kept, so the claim says it cannot be
    checked for them rather than the file failing to load.
    """

    number: int                       # 1-based position in the file: "claim 2"
    text: str
    kind: str
    line: int | None = None
    occupation: str | None = None
    role: str | None = None
    low: float | None = None
    high: float | None = None
    varies_by: tuple[str, ...] = ("national",)
    amount: float | None = None
    percentile: int = 50
    topic: str | None = None
    share: float | None = None
    roles: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    period_from: str | None = None
    period_to: str | None = None
    unknown_roles: tuple[str, ...] = ()


@functools.cache
def known_roles() -> dict[str, str]:
    """careerlens role -> its SOC code ('' for ``other``), from ``data/taxonomy/roles.csv``."""
    return {row["role"]: row["soc_code"] for row in csv.DictReader(io.StringIO(data_text("taxonomy", "roles.csv")))}


@functools.cache
def known_sectors() -> dict[str, str]:
    """NAICS sector code -> name, from ``data/taxonomy/naics_sectors.csv``."""
    rows = csv.DictReader(io.StringIO(data_text("taxonomy", "naics_sectors.csv")))
    return {row["naics_sector"]: row["sector_name"] for row in rows}


def parse_claims(data: dict, topic_ids, lines, fail) -> tuple[Claim, ...]:
    """Validate the ``[[claims]]`` of a parsed curriculum file (``fail(message, key_path)`` raises)."""
    raw = data.get("claims", [])
    if not isinstance(raw, list):
        fail("must be [[claims]] tables", ("claims",))
    return tuple(_claim(table, n, topic_ids, lines, fail) for n, table in enumerate(raw))


def _claim(table, n, topic_ids, lines, fail) -> Claim:
    at = ("claims", n)
    if not isinstance(table, dict):
        fail("must be a table", at)
    if "kind" not in table:
        fail(f"missing required key 'kind' (kinds: {', '.join(KINDS)})", at)
    kind = table["kind"]
    if kind not in KINDS:
        guess = difflib.get_close_matches(str(kind), KINDS, n=1)
        hint = f"did you mean {guess[0]!r}? " if guess else ""
        fail(f"unknown claim kind {kind!r} ({hint}kinds: {', '.join(KINDS)})", at + ("kind",))
    required, optional, _ = KINDS[kind]
    check_keys(table, (required, optional), at, fail)
    fields = {"number": n + 1, "text": text_value(table, "text", at, fail), "kind": kind, "line": lines.line_of(at)}
    if "occupation" in table:
        fields.update(_occupation(table, at, fail))
    for key in ("low", "high", "amount"):
        if key in table:
            fields[key] = number_value(table, key, at, fail)
    if kind == "salary_median_range" and fields["low"] >= fields["high"]:
        fail(f"low ({fields['low']:,.0f}) must be below high ({fields['high']:,.0f})", at + ("high",))
    if "varies_by" in table:
        fields["varies_by"] = _choices(table, "varies_by", DIMENSIONS, at, fail)
    if "percentile" in table:
        value = table["percentile"]
        value = 50 if value == "median" else value
        if value not in PERCENTILES or isinstance(value, bool):
            fail(f"must be \"median\" or one of the percentiles OEWS publishes: {', '.join(map(str, PERCENTILES))}",
                 at + ("percentile",))
        fields["percentile"] = value
    if "share" in table:
        share = table["share"]
        if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
            fail("must be a share of postings above 0 and at most 1 (0.3 for 30%)", at + ("share",))
        fields["share"] = float(share)
    if kind in ("demand_share", "demand_trend"):
        if ("topic" in table) == ("role" in table):
            fail("name either topic = \"...\" (a topic of this curriculum) or role = \"...\", not both", at)
        if "topic" in table:
            fields["topic"] = _topic(table, topic_ids, at, fail)
    if "role" in table:
        fields["role"] = _role(table["role"], at + ("role",), fail)
        if fields["role"] not in known_roles():
            fields["unknown_roles"] = (fields["role"],)
    if "roles" in table:
        roles = _strings(table, "roles", at, fail)
        fields["roles"] = tuple(_role(role, at + ("roles",), fail) for role in roles)
        fields["unknown_roles"] = fields.get("unknown_roles", ()) + tuple(
            r for r in fields["roles"] if r not in known_roles())
    if "sectors" in table:
        fields["sectors"] = tuple(_sector(code, at + ("sectors",), fail) for code in _strings(table, "sectors", at, fail))
    if kind == "demand_trend":
        for key in ("from", "to"):
            value = table[key]
            if not isinstance(value, (str, int)) or isinstance(value, bool) or not PERIOD.match(str(value)):
                fail('must be a year ("2024") or a month ("2024-06")', at + (key,))
        fields["period_from"], fields["period_to"] = str(table["from"]), str(table["to"])
        if fields["period_from"] >= fields["period_to"][:len(fields["period_from"])]:
            fail(f"must be a later period than from ({fields['period_from']})", at + ("to",))
    return Claim(**fields)


def _occupation(table, at, fail) -> dict:
    value = table["occupation"]
    if not isinstance(value, str) or not value.strip():
        fail("must be a careerlens role (\"data_scientist\") or a SOC code (\"15-2051\")", at + ("occupation",))
    value = value.strip()
    if SOC_CODE.match(value):
        return {"occupation": value}
    role = _role(value, at + ("occupation",), fail)
    soc = known_roles().get(role)
    if not soc:
        fail(f"{role!r} is no careerlens role with a SOC code: name the occupation by its SOC code (\"15-2051\") "
             f"or by one of the roles {', '.join(r for r, s in known_roles().items() if s)}", at + ("occupation",))
    return {"occupation": soc, "role": role}


def _role(value, at, fail) -> str:
    """A role id; a misspelt one (a close match exists) is an error, one with no match is kept as unknown."""
    if not isinstance(value, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", value.strip()):
        fail(f"a role is a careerlens role id in lower case with _ (\"data_scientist\"), not {value!r}", at)
    value = value.strip()
    if value not in known_roles():
        guess = difflib.get_close_matches(value, known_roles(), n=1, cutoff=0.8)
        if guess:
            fail(f"unknown role {value!r} (did you mean {guess[0]!r}?)", at)
    return value


def _topic(table, topic_ids, at, fail) -> str:
    value = table["topic"]
    if value not in topic_ids:
        guess = difflib.get_close_matches(str(value), topic_ids, n=1)
        hint = f"did you mean {guess[0]!r}? " if guess else ""
        fail(f"unknown topic {value!r} ({hint}topics of this curriculum: {', '.join(topic_ids)})", at + ("topic",))
    return value


def _sector(value, at, fail) -> str:
    sectors = known_sectors()
    if value in sectors:
        return value
    named = [code for code, name in sectors.items() if value.lower() in name.lower()]
    guess = named or difflib.get_close_matches(value, sectors, n=1)
    hint = f"did you mean {guess[0]!r} ({sectors[guess[0]]})? " if guess else ""
    fail(f"unknown NAICS sector {value!r} ({hint}sectors are NAICS codes: {', '.join(sectors)})", at)


def _strings(table, key, at, fail) -> list[str]:
    value = table[key]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        fail("must be a non-empty list of strings", at + (key,))
    return [v.strip() for v in value]


def _choices(table, key, allowed, at, fail) -> tuple[str, ...]:
    values = _strings(table, key, at, fail)
    for value in values:
        if value not in allowed:
            guess = difflib.get_close_matches(value, allowed, n=1)
            hint = f"did you mean {guess[0]!r}? " if guess else ""
            fail(f"unknown {key} {value!r} ({hint}one or more of: {', '.join(allowed)})", at + (key,))
    return tuple(dict.fromkeys(values))
