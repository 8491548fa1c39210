"""Employer-stated pay on job boards: each provider's ranges read as one range in one currency and period.

A posting may state several ranges (Greenhouse pay zones, Ashby tiers). Ranges
in the currency and period of the first usable one are combined into the
lowest minimum and the highest maximum; ranges in another currency or period
are left out and said so. A range whose minimum is above its maximum, or
which is zero or negative, is refused. Equity, bonus and commission are not pay.
The period is one of ``data/taxonomy/pay_periods.csv`` (hour, week, biweek,
month, year); the shared insert annualises it as for every other source.
"""

from __future__ import annotations

from dataclasses import dataclass

#: How Lever, Ashby and USAJOBS name a pay period -> careerlens's period.
PERIODS = {
    "per-year-salary": "year", "per-month-salary": "month", "per-week-salary": "week", "per-hour-wage": "hour",
    "1 year": "year", "1 month": "month", "1 week": "week", "2 week": "biweek", "1 hour": "hour",
    "per year": "year", "per month": "month", "per week": "week", "bi-weekly": "biweek", "biweekly": "biweek",
    "per hour": "hour", "year": "year", "month": "month", "week": "week", "hour": "hour",
}


@dataclass(frozen=True)
class PayRange:
    """One stated range: amounts in ``currency`` per ``period`` (None when the period is not understood)."""

    currency: str | None
    low: float | None
    high: float | None
    period: str | None
    label: str = ""


@dataclass(frozen=True)
class Pay:
    """What a posting's pay fields become: the staged salary columns, and the problems met."""

    low: float | None = None
    high: float | None = None
    currency: str | None = None
    period: str | None = None
    text: str | None = None
    problems: tuple[dict, ...] = ()


def period_of(raw) -> str | None:
    """careerlens's pay period for a provider's interval name, or None.

    >>> period_of("per-hour-wage"), period_of("1 YEAR"), period_of("Per Year"), period_of("one-time")
    ('hour', 'year', 'year', None)
    """
    return PERIODS.get(str(raw or "").strip().lower())


def number(value) -> float | None:
    """A JSON number, or a numeric string ("85000", "85,000.00"); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", "").strip())
        except ValueError:
            return None
    return None


def _problem(reason: str, raw: str) -> dict:
    return {"field": "salary", "reason": reason, "raw_value": raw, "action": "field_cleared"}


def _shown(r: PayRange) -> str:
    amounts = "-".join(f"{v:,.2f}".rstrip("0").rstrip(".") for v in (r.low, r.high) if v is not None)
    return f"{r.currency or '?'} {amounts} per {r.period or '?'}" + (f" ({r.label})" if r.label else "")


def combine(ranges: list[PayRange]) -> Pay:
    """One range from several, in the first usable range's currency and period.

    >>> pay = combine([PayRange("USD", 120000, 150000, "year", "Zone A"), PayRange("USD", 100000, 130000, "year", "Zone B")])
    >>> pay.low, pay.high, pay.currency, pay.period
    (100000, 150000, 'USD', 'year')
    >>> combine([PayRange("USD", 150000, 120000, "year")]).problems[0]["reason"]
    'pay range minimum above maximum'
    """
    problems, usable = [], []
    for r in ranges:
        amounts = [v for v in (r.low, r.high) if v is not None]
        if not amounts:
            continue
        if any(v <= 0 for v in amounts):
            problems.append(_problem("pay range of zero or less", _shown(r)))
        elif r.low is not None and r.high is not None and r.low > r.high:
            problems.append(_problem("pay range minimum above maximum", _shown(r)))
        elif not r.currency:
            problems.append(_problem("pay range without a currency", _shown(r)))
        elif r.period is None:
            problems.append(_problem("pay period not understood", _shown(r)))
        else:
            usable.append(r)
    if not usable:
        return Pay(problems=tuple(problems))
    first = usable[0]
    kept = [r for r in usable if (r.currency.upper(), r.period) == (first.currency.upper(), first.period)]
    for r in usable:
        if r not in kept:
            problems.append(_problem(f"pay range in another currency or period than {first.currency} per "
                                     f"{first.period}, left out", _shown(r)))
    lows = [r.low for r in kept if r.low is not None]
    highs = [r.high for r in kept if r.high is not None]
    low = min(lows) if lows else None
    high = max(highs) if highs else None
    text = "; ".join(_shown(r) for r in kept)
    return Pay(low, high, first.currency.upper(), first.period, text, tuple(problems))


def greenhouse_period(label: str, high_cents) -> str:
    """Greenhouse ranges state no period: the range's title says hourly or monthly, else it is yearly.

    A range below 1,000 a period whose title names none is an hourly wage: no
    yearly salary is that low.
    """
    words = (label or "").lower()
    if "hour" in words:
        return "hour"
    if "month" in words:
        return "month"
    amount = number(high_cents)
    return "hour" if amount is not None and 0 < amount / 100 < 1000 else "year"
